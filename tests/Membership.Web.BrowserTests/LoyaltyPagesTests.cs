using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Stamps;
using Membership.Contracts.Tiers;
using Membership.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>Tiers and stamp cards: the Owner's pages, the counter on the member page, and the member's /m/card.</summary>
public sealed class LoyaltyPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Owner_creates_a_stamp_card_and_stamps_a_member_at_the_counter()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("owner@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/stamps");

        await page.ClickUntilAsync(page.GetByTestId("stamp-card-new"), page.GetByTestId("stamp-name"));
        await page.GetByTestId("stamp-name").FillAsync("拿鐵集點卡");
        await page.GetByTestId("stamp-total").FillAsync("6");
        await page.GetByTestId("stamp-rewards").FillAsync("3 免費餅乾\n6 免費拿鐵");
        await page.GetByTestId("stamp-rewards").BlurAsync();
        await page.GetByTestId("stamp-save").ClickAsync();

        await Expect(page.GetByTestId("stamp-definition-row").Filter(new() { HasText = "拿鐵集點卡" })).ToContainTextAsync("6：免費拿鐵");
        var definition = (await app.Service<IStampsModule>().GetDefinitionsAsync()).Single(d => d.Name == "拿鐵集點卡");
        Assert.Equal((6, 365, 2), (definition.TotalStamps, definition.ValidityDays, definition.Rewards.Count));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "stamp-cards.png"), FullPage = true });

        var member = await CreateMemberAsync("0922333444", "集點測試");
        await page.GotoAsync($"/members/{member.Id}");
        await Expect(page.GetByTestId("stamp-card").Filter(new() { HasText = "拿鐵集點卡" })).ToContainTextAsync("0 / 6");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.RetryUntilAsync(() => page.GetByTestId("stamp-add-reason").FillAsync("開幕補蓋"), page.Locator("[data-testid=stamp-add]:enabled"));
        await page.GetByTestId("stamp-add-count").FillAsync("3");
        await page.GetByTestId("stamp-add-count").BlurAsync();
        await page.GetByTestId("stamp-add").ClickAsync();

        await Expect(page.GetByTestId("stamp-card").Filter(new() { HasText = "拿鐵集點卡" })).ToContainTextAsync("3 / 6");
        await Expect(page.GetByTestId("stamp-rewards-list")).ToContainTextAsync("免費餅乾");
        await Expect(page.Locator("[data-testid=stamp-card]").Filter(new() { HasText = "拿鐵集點卡" }).GetByTestId("stamp-cell-stamped")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "member-stamps.png"), FullPage = true });
    }

    [Fact]
    public async Task Owner_saves_a_tier_threshold_and_a_broken_one_is_refused()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("owner@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/tiers");
        var silver = page.GetByTestId("tier-threshold-1");
        await Expect(silver).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^10000"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await page.RetryUntilAsync(async () =>
        {
            await silver.FillAsync("12000");
            await silver.BlurAsync();
            await page.GetByTestId("tiers-save").ClickAsync();
        }, page.Locator(".mud-snackbar").Filter(new() { HasText = "會員等級已儲存" }));
        Assert.Equal(12_000m, (await app.Service<ITiersModule>().GetProgramAsync()).Tiers.Single(t => t.Code == "silver").Threshold);

        var gold = page.GetByTestId("tier-threshold-2");
        await gold.FillAsync("5000");
        await gold.BlurAsync();
        await page.GetByTestId("tiers-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("門檻必須隨順位遞增");
        Assert.Equal(30_000m, (await app.Service<ITiersModule>().GetProgramAsync()).Tiers.Single(t => t.Code == "gold").Threshold);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "tiers.png"), FullPage = true });
    }

    [Fact]
    public async Task Owner_grants_a_tier_on_the_member_page_with_a_reason_and_staff_have_no_such_control()
    {
        var member = await CreateMemberAsync("0944555666", "手動升等");
        var page = await app.NewPageAsync();
        await page.SignInAsync("owner@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync($"/members/{member.Id}");

        await Expect(page.GetByTestId("member-tier-name")).ToHaveTextAsync("一般");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.RetryUntilAsync(async () =>
        {
            await page.GetByTestId("tier-pick-gold").ClickAsync();
            await page.GetByTestId("tier-set-reason").FillAsync("開幕 VIP 招待");
        }, page.Locator("[data-testid=tier-set]:enabled"));
        await page.GetByTestId("tier-set").ClickAsync();

        await Expect(page.GetByTestId("member-tier-name")).ToHaveTextAsync("金卡");
        await Expect(page.GetByTestId("member-tier-history")).ToContainTextAsync("手動調整");
        Assert.Equal("gold", (await app.Service<ITiersModule>().GetMemberTierAsync(member.Id)).TierCode);
        var audited = Assert.Single((await app.Service<IAuditTrail>().ListAsync(
            new AuditQuery("member.tier-set", "member", member.Id.ToString()), new PageRequest())).Items);
        Assert.Equal(("開幕 VIP 招待", "regular → gold"), (audited.Reason, audited.Details));
        Assert.False(string.IsNullOrEmpty(audited.ActorId));

        var staff = await app.NewPageAsync();
        await staff.SignInAsync("staff@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await staff.GotoAsync($"/members/{member.Id}");
        await Expect(staff.GetByTestId("member-tier-name")).ToHaveTextAsync("金卡");
        await Expect(staff.GetByTestId("tier-set-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Staff_see_neither_menu_entry_and_are_refused_the_pages()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("staff@demo.local", MembershipWebFactory<Program>.DemoPassword);

        await Expect(page.GetByTestId("nav-members")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-stamps")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("nav-tiers")).ToHaveCountAsync(0);
        await page.GotoAsync("/tiers");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await page.GotoAsync("/stamps");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_member_sees_the_tier_progress_and_the_stamp_grid_on_the_card()
    {
        await app.Service<IStampsModule>().SaveDefinitionAsync(
            new StampCardDefinition(Guid.Empty, "咖啡卡", StampEarning.PerVisit, 1, null, null, 10, 365, [new StampReward(5, "免費咖啡")], true), "owner");
        var lineUserId = "U" + Guid.NewGuid().ToString("N");
        var member = await RegisterAsync(lineUserId, "0933444555");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var purchase = new PurchaseRecorded(Guid.NewGuid(), member.Id, "TPE01", "R-1", 4_000, DateTimeOffset.UtcNow, PurchaseChannels.Pos, [], 40, false);
            // Only the tiers and stamps handlers: Points' own would push to a LINE user the emulator does not know.
            foreach (var handler in scope.ServiceProvider.GetServices<IIntegrationEventHandler<PurchaseRecorded>>()
                         .Where(h => h.GetType().Namespace is { } ns && (ns.StartsWith("Membership.Tiers", StringComparison.Ordinal) || ns.StartsWith("Membership.Stamps", StringComparison.Ordinal))))
            {
                await handler.HandleAsync(purchase, Guid.NewGuid(), CancellationToken.None);
            }
        }

        var page = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync(new Uri(app.Service<IMemberLinks>().CardUrl(lineUserId)).PathAndQuery);

        await Expect(page.GetByTestId("card-tier-name")).ToHaveTextAsync("一般");
        await Expect(page.GetByTestId("card-tier-progress")).ToContainTextAsync("銀卡");
        var card = page.GetByTestId("card-stamps").GetByTestId("stamp-card").Filter(new() { HasText = "咖啡卡" });
        await Expect(card.GetByTestId("stamp-cell-stamped")).ToHaveCountAsync(1);
        await Expect(card.GetByTestId("stamp-cell-empty")).ToHaveCountAsync(9);
        await Expect(card.GetByTestId("stamp-card-status")).ToContainTextAsync("效期至");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "member-card-loyalty.png"), FullPage = true });
    }

    private async Task<MemberSummary> CreateMemberAsync(string mobile, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IMemberDirectory>();
        return (await directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest(mobile, name))).Member;
    }

    private async Task<MemberSummary> RegisterAsync(string lineUserId, string mobile)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<IMembersModule>().RecordLineFollowAsync(
            new LineFollow(lineUserId, DateTimeOffset.UtcNow, Guid.NewGuid().ToString(), false, "小華", null, "zh-TW"));
        var terms = await services.GetRequiredService<IPrivacyTermsCatalog>().GetCurrentAsync();
        var result = await services.GetRequiredService<IMemberRegistration>().RegisterAsync(
            new RegisterMemberRequest(lineUserId, "陳小華", mobile, "1990-05-01", "Female", "TXG", null, terms.Version));
        return result.Member ?? throw new InvalidOperationException($"Registration failed: {result.Outcome}");
    }
}
