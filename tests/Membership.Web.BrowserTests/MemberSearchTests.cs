using System.Text.RegularExpressions;
using Membership.Contracts.Members;
using Membership.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>The counter on a phone: find a member by part of the mobile, or scan the card's barcode (code + Enter).</summary>
public sealed class MemberSearchTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task Staff_on_a_phone_find_a_member_by_part_of_the_mobile_and_open_one_by_scanning_the_code()
    {
        var member = await CreateMemberAsync("0987654321", "掃碼測試");
        await CreateMemberAsync("0911222333", "其他會員");
        var page = await app.NewPageAsync(Phone);
        await SignInAsync(page, "staff@demo.local");
        await page.GotoAsync("/members");

        var search = page.GetByTestId("member-search");
        var filtered = page.GetByTestId("member-count").Filter(new() { HasText = "共 1 位會員" });
        await TypeUntilAsync(page, search, "7654", filtered);

        await Expect(page.GetByTestId("member-row-name")).ToHaveTextAsync("掃碼測試");
        await Expect(page.GetByTestId("member-row-mobile").First).ToHaveTextAsync(new Regex("0987-\\*\\*\\*-321"));
        await Expect(page.GetByTestId("member-row-name").Filter(new() { HasText = "其他會員" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "member-search-phone.png"), FullPage = true });

        await search.FillAsync("");
        // Clearing the box is a search too (debounced): once the list has reloaded without it, nothing resets the box
        // while the code is typed.
        await Expect(page).Not.ToHaveURLAsync(new Regex("[?&]q="));
        // A scanner types the whole code within a few milliseconds; Fill gives it in one input event. Typed key by key on
        // a loaded 2-core machine, the 400 ms debounce once fired in the middle of the code and searched a part of it.
        await search.FillAsync(member.MemberCode);

        // On a slow machine the search's debounce may already have opened the member: press Enter on whatever has the
        // focus instead of on the search box, which is then gone.
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex($"/members/{member.Id}$"), new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("member-code")).ToHaveTextAsync(member.MemberCode);
        await Expect(page.GetByTestId("member-mobile")).ToHaveTextAsync("0987-***-321");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "member-page-phone.png"), FullPage = true });
    }

    private async Task<MemberSummary> CreateMemberAsync(string mobile, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IMemberDirectory>();
        return (await directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest(mobile, name))).Member;
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", MembershipWebFactory<Program>.DemoPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Typing before the Blazor circuit is attached is lost: type again until the result shows.</summary>
    private static async Task TypeUntilAsync(IPage page, ILocator input, string text, ILocator appears)
    {
        for (var attempt = 0; attempt < 10 && !await appears.IsVisibleAsync(); attempt++)
        {
            await input.FillAsync("");
            await input.PressSequentiallyAsync(text, new() { Delay = 30 });
            try
            {
                await appears.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
                await page.WaitForTimeoutAsync(250);
            }
        }

        await Expect(appears).ToBeVisibleAsync();
    }
}
