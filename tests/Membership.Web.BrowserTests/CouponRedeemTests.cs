using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>The counter redeems a coupon code on a tablet: checked, used once, refused the second time.</summary>
public sealed class CouponRedeemTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_type_a_coupon_code_use_it_and_the_same_code_is_then_refused_as_used()
    {
        var code = await IssueCouponAsync();
        var page = await app.NewPageAsync(new ViewportSize { Width = 1024, Height = 768 });
        await page.SignInAsync("staff@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/coupons/redeem");

        var input = page.GetByTestId("coupon-code");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.RetryUntilAsync(() => input.FillAsync(code.ToLowerInvariant()), page.Locator("[data-testid=coupon-check]:enabled"));
        await page.ClickUntilAsync(page.GetByTestId("coupon-check"), page.GetByTestId("coupon-use"));
        await Expect(page.GetByTestId("coupon-outcome")).ToHaveTextAsync("可以使用");
        await Expect(page.GetByTestId("coupon-result")).ToContainTextAsync("折抵 NT$50");

        await page.GetByTestId("coupon-use").ClickAsync();
        await Expect(page.GetByTestId("coupon-outcome")).ToHaveTextAsync("已核銷，請給予優惠");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "coupon-redeemed.png"), FullPage = true });

        await page.GetByTestId("coupon-check").ClickAsync();
        await Expect(page.GetByTestId("coupon-outcome")).ToHaveTextAsync("優惠券已使用過");
        await Expect(page.GetByTestId("coupon-use")).ToHaveCountAsync(0);

        await input.FillAsync("ZZZZZZZZZZ");
        await page.GetByTestId("coupon-check").ClickAsync();
        await Expect(page.GetByTestId("coupon-outcome")).ToHaveTextAsync("查無此優惠碼");
    }

    private async Task<string> IssueCouponAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var member = (await scope.ServiceProvider.GetRequiredService<IMemberDirectory>()
            .CreateOfflineMemberAsync(new CreateOfflineMemberRequest("0966123456", "優惠券測試"))).Member;
        var coupons = scope.ServiceProvider.GetRequiredService<ICouponsModule>();
        var definition = await coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "折價 NT$50", null, CouponKind.AmountOff, 50, null, null, null, 30, 1, null, CouponPurpose.Manual, 0, true, "owner@demo.local"));
        var issued = await coupons.IssueAsync(new IssueCouponRequest(definition.Id, member.Id, $"browser:{member.Id}", "owner@demo.local"));
        return issued.Coupon!.Code;
    }
}
