using Membership.Contracts.Members;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>The registration form as a member sees it in LINE's in-app browser: a phone-size viewport.</summary>
public sealed class MemberRegistrationTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_member_registers_on_a_phone_from_a_signed_link_and_sees_the_success_page()
    {
        var lineUserId = $"U{Guid.NewGuid():N}";
        var link = new Uri(app.Service<IMemberLinks>().RegisterUrl(lineUserId));
        var page = await app.NewPageAsync(Phone);
        await page.GotoAsync(link.PathAndQuery);

        await page.GetByTestId("register-submit").ClickAsync();
        await Expect(page.GetByTestId("error-mobile")).ToHaveTextAsync("此欄位為必填");
        await Expect(page.GetByTestId("error-consent")).ToBeVisibleAsync();

        await page.Locator("#name").FillAsync("林美玲");
        await page.Locator("#mobile").FillAsync("0912 345 678");
        await page.Locator("#birthday").FillAsync("1992-08-15");
        await page.Locator("#gender").SelectOptionAsync("Female");
        await page.Locator("#region").SelectOptionAsync("TXG");
        await page.Locator("input[name=consent]").CheckAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the form scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "member-register-phone.png"), FullPage = true });
        await page.GetByTestId("register-submit").ClickAsync();

        await Expect(page.GetByTestId("register-done")).ToHaveTextAsync("註冊完成！");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "member-registered-phone.png"), FullPage = true });
        await page.GetByTestId("register-card-link").ClickAsync();
        await Expect(page.GetByTestId("card-name")).ToHaveTextAsync("林美玲");
        await Expect(page.GetByTestId("card-barcode").Locator("svg")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "member-card-phone.png"), FullPage = true });
        var member = await app.Service<IMembersModule>().FindByLineUserIdAsync(lineUserId);
        Assert.Equal(MemberStatus.Registered, member!.Status);
        Assert.Equal("0912345678", member.Mobile);
    }
}
