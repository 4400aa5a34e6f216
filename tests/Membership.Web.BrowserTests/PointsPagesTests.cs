using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>The counter on a tablet (scan, record a purchase, redeem) and the Owner's earn rules page.</summary>
public sealed class PointsPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static readonly ViewportSize Tablet = new() { Width = 1024, Height = 768 };

    [Fact]
    public async Task Staff_scan_a_member_record_a_purchase_and_see_the_points_and_balance_at_once()
    {
        var member = await CreateMemberAsync("0933111222", "櫃台測試");
        var before = await WithPointsAsync(p => p.GetBalanceAsync(member.Id));
        var page = await app.NewPageAsync(Tablet);
        await page.SignInAsync("staff@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/counter");

        await ScanUntilFoundAsync(page, member.MemberCode);
        await Expect(page.GetByTestId("counter-member-name")).ToHaveTextAsync("櫃台測試");
        await Expect(page.GetByTestId("counter-member-mobile")).ToHaveTextAsync("0933-***-222"); // Staff see mobiles masked
        await Expect(page.GetByTestId("counter-balance")).ToHaveTextAsync(before.Balance.ToString("N0"));

        await page.GetByTestId("counter-amount").FillAsync("1250");
        await page.GetByTestId("counter-receipt").FillAsync("AB-00012345");
        await page.GetByTestId("counter-receipt").BlurAsync();
        await page.GetByTestId("counter-record").DblClickAsync(); // a double tap records once

        var expected = before.Balance + 12; // default rules: 1 point per NT$100
        await Expect(page.GetByTestId("counter-result")).ToContainTextAsync("獲得 12 點");
        await Expect(page.GetByTestId("counter-balance")).ToHaveTextAsync(expected.ToString("N0"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "counter-tablet.png"), FullPage = true });
        var purchases = await WithPointsAsync(p => p.GetPurchasesAsync(member.Id, new PageRequest()));
        var purchase = Assert.Single(purchases.Items);
        Assert.Equal(("AB-00012345", 1250m, PurchaseChannels.Counter, 12), (purchase.ReceiptNumber, purchase.Total, purchase.Channel, purchase.PointsEarned));

        await page.GetByTestId("counter-redeem-points").FillAsync((expected + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("counter-redeem-points").BlurAsync();
        await page.GetByTestId("counter-redeem").ClickAsync();
        await Expect(page.GetByTestId("counter-redeem-error")).ToContainTextAsync("點數不足");
        Assert.Equal(expected, (await WithPointsAsync(p => p.GetBalanceAsync(member.Id))).Balance);

        await page.GetByTestId("counter-redeem-points").FillAsync("5");
        await page.GetByTestId("counter-redeem-points").BlurAsync();
        await page.GetByTestId("counter-redeem").ClickAsync();
        await Expect(page.GetByTestId("counter-balance")).ToHaveTextAsync((expected - 5).ToString("N0"));
        await Expect(page.GetByTestId("counter-result")).ToContainTextAsync("已折抵 5 點");
    }

    [Fact]
    public async Task An_unknown_code_says_so_and_shows_no_member()
    {
        var page = await app.NewPageAsync(Tablet);
        await page.SignInAsync("staff@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/counter");

        await TypeUntilAsync(page, page.GetByTestId("counter-lookup"), "0900000000", page.GetByTestId("counter-lookup-error"));

        await Expect(page.GetByTestId("counter-lookup-error")).ToContainTextAsync("找不到這位會員");
        await Expect(page.GetByTestId("counter-member")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_saves_earn_rules_after_fixing_what_the_page_refuses()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("owner@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/points/rules");

        await page.ClickUntilAsync(page.GetByTestId("rules-add-category"), page.GetByTestId("rules-category-row"));
        await page.GetByTestId("rules-amount-per-point").FillAsync("50");
        await page.GetByTestId("rules-welcome-points").FillAsync("-1");
        await page.GetByTestId("rules-welcome-points").BlurAsync();
        await page.GetByTestId("rules-save").ClickAsync();

        var errors = page.GetByTestId("rules-errors");
        await Expect(errors).ToContainTextAsync("入會禮點數不可為負數");
        await Expect(errors).ToContainTextAsync("類別名稱必填");
        Assert.Equal(100m, (await WithPointsAsync(p => p.GetEarnRulesAsync())).AmountPerPoint); // nothing saved

        await page.GetByTestId("rules-welcome-points").FillAsync("30");
        await page.GetByTestId("rules-category-0").FillAsync("咖啡豆");
        await page.GetByTestId("rules-category-0").BlurAsync();
        await page.GetByTestId("rules-save").ClickAsync();

        await Expect(page.GetByText("點數規則已儲存。")).ToBeVisibleAsync();
        await Expect(errors).ToHaveCountAsync(0);
        var rules = await WithPointsAsync(p => p.GetEarnRulesAsync());
        Assert.Equal((50m, 30), (rules.AmountPerPoint, rules.WelcomePoints));
        Assert.Equal(("咖啡豆", 2m), (rules.CategoryBonuses.Single().Category, rules.CategoryBonuses.Single().Multiplier));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "points-rules.png"), FullPage = true });

        await page.GotoAsync("/audit");
        await Expect(page.GetByText("points.rules-saved").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Owner_adjusts_points_with_a_reason_and_refunds_a_purchase_on_the_member_page()
    {
        var member = await CreateMemberAsync("0933444555", "點數面板");
        await WithPointsAsync(p => p.RecordPurchaseAsync(new RecordPurchaseRequest(Guid.NewGuid().ToString(), new MemberReference(MemberId: member.Id),
            "MAIN", "RF-0001", 3000m, DateTimeOffset.UtcNow.AddHours(-1), PurchaseChannels.Counter, [])));
        var page = await app.NewPageAsync();
        await page.SignInAsync("owner@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync($"/members/{member.Id}");
        await Expect(page.GetByTestId("points-balance")).ToHaveTextAsync("30");

        await page.ClickUntilAsync(page.GetByTestId("points-adjust"), page.GetByTestId("adjust-reason"));
        await page.GetByTestId("adjust-points").FillAsync("10");
        await page.GetByTestId("adjust-reason").FillAsync("補登活動點數");
        await page.GetByTestId("adjust-reason").BlurAsync();
        await page.GetByTestId("adjust-save").ClickAsync();
        await Expect(page.GetByTestId("points-balance")).ToHaveTextAsync("40");
        await Expect(page.GetByTestId("points-ledger")).ToContainTextAsync("補登活動點數");

        await page.GetByRole(AriaRole.Tab, new() { Name = "消費紀錄" }).ClickAsync();
        await page.ClickUntilAsync(page.GetByTestId("purchase-refund"), page.GetByTestId("refund-reason"));
        await page.GetByTestId("refund-reason").FillAsync("整筆退貨");
        await page.GetByTestId("refund-reason").BlurAsync();
        await page.GetByTestId("refund-save").ClickAsync();

        await Expect(page.GetByTestId("points-balance")).ToHaveTextAsync("10");
        await Expect(page.GetByTestId("points-purchases")).ToContainTextAsync("已退 NT$3,000");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "member-points.png"), FullPage = true });
        var audit = await WithServiceAsync<Membership.Contracts.Audit.IAuditTrail, PagedResult<Membership.Contracts.Audit.AuditEntry>>(a =>
            a.ListAsync(new Membership.Contracts.Audit.AuditQuery(SubjectId: member.Id.ToString()), new PageRequest()));
        Assert.Contains(audit.Items, e => e.Action == "points.adjusted" && e.Reason == "補登活動點數");
    }

    private async Task<MemberSummary> CreateMemberAsync(string mobile, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IMemberDirectory>();
        return (await directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest(mobile, name))).Member;
    }

    private Task<T> WithPointsAsync<T>(Func<IPointsModule, Task<T>> query) => WithServiceAsync(query);

    private async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> query)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A barcode scanner types the code fast and presses Enter.</summary>
    private static Task ScanUntilFoundAsync(IPage page, string code) =>
        TypeUntilAsync(page, page.GetByTestId("counter-lookup"), code, page.GetByTestId("counter-member-code").Filter(new() { HasText = code }));

    /// <summary>Typing before the Blazor circuit is attached is lost: type again (and Enter) until the result shows.</summary>
    private static async Task TypeUntilAsync(IPage page, ILocator input, string text, ILocator appears)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        for (var attempt = 0; attempt < 10 && !await appears.IsVisibleAsync(); attempt++)
        {
            await input.FillAsync("");
            await input.PressSequentiallyAsync(text, new() { Delay = 10 });
            await input.PressAsync("Enter");
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
