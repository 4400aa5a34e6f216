using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Membership.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>A marketer turns on the ready-made win-back journey; a member who moves E0 → S1 gets the coupon in LINE.</summary>
public sealed class AutomationPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Marketer_turns_on_win_back_and_a_dozing_member_receives_the_coupon()
    {
        await app.Service<ICouponsModule>().SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "回流禮 NT$80", "NT$80 off", CouponKind.AmountOff, 80, null, null, null, 14, 1, null, CouponPurpose.Campaign, 0, true, "test"));
        // No quiet hours: the coupon is announced by a push, which quiet hours would hold until 09:00 Taipei.
        await app.Service<Contracts.Broadcast.IBroadcastModule>().SaveSettingsAsync(new Contracts.Broadcast.BroadcastSettings(0, 7, new TimeOnly(0, 0), new TimeOnly(0, 0)), "test");
        var user = await app.Line.CreateUserAsync("回流顧客", follow: true);
        await using var scope = app.Services.CreateAsyncScope();
        MemberSummary? member = null;
        for (var i = 0; i < 300 && member is null; i++)
        {
            member = await scope.ServiceProvider.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user);
            await Task.Delay(member is null ? 200 : 0);
        }

        Assert.NotNull(member);

        var page = await app.NewPageAsync();
        await page.SignInAsync("marketer@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/automation");
        var row = page.GetByTestId("journey-list").Locator("tr").Filter(new() { HasText = "沉睡顧客喚回旅程" });
        await page.ClickUntilAsync(row.GetByTestId("journey-activate"), row.GetByTestId("journey-pause"));
        await Expect(row.GetByTestId("journey-status")).ToHaveTextAsync("啟用中");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "automation.png"), FullPage = true });

        foreach (var handler in scope.ServiceProvider.GetServices<IIntegrationEventHandler<MemberNesStateChanged>>())
        {
            await handler.HandleAsync(new MemberNesStateChanged(member.Id, "E0", "S1", Guid.NewGuid(), DateOnly.FromDateTime(DateTime.UtcNow)), Guid.NewGuid(), default);
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await scope.ServiceProvider.GetRequiredService<ICouponsModule>().GetMemberCouponsAsync(member.Id, true)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var coupon = Assert.Single(await scope.ServiceProvider.GetRequiredService<ICouponsModule>().GetMemberCouponsAsync(member.Id, true));
        Assert.Equal("回流禮 NT$80", coupon.Name);
        var pushed = (await app.Line.MessagesAsync(user)).Select(m => (string?)m!["message"]?["text"] ?? "").ToList();
        Assert.Contains(pushed, m => m.Contains("回流禮", StringComparison.Ordinal)); // the coupon's announcement in LINE
        var runs = await scope.ServiceProvider.GetRequiredService<IAutomationModule>().ListMemberRunsAsync(member.Id);
        Assert.Equal(JourneyRunStatus.Active, Assert.Single(runs).Status); // waiting 7 days for the reminder

        await page.GotoAsync($"/members/{member.Id}");
        await Expect(page.GetByTestId("member-journey-run")).ToContainTextAsync("沉睡顧客喚回旅程 · 進行中");
    }
}
