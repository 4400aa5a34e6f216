using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>
/// A marketer turns on the ready-made win-back journey (a member who moves E0 → S1 gets the coupon in LINE), writes an
/// auto-reply that answers a customer by reply token, and builds a journey in the flow editor that messages a tagged
/// member and notifies staff.
/// </summary>
public sealed class AutomationPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Marketer_turns_on_win_back_and_a_dozing_member_receives_the_coupon()
    {
        await app.Service<ICouponsModule>().SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "回流禮 NT$80", "NT$80 off", CouponKind.AmountOff, 80, null, null, null, 14, 1, null, CouponPurpose.Campaign, 0, true, "test"));
        // No quiet hours: the coupon is announced by a push, which quiet hours would hold until 09:00 Taipei.
        await app.Service<Contracts.Broadcast.IBroadcastModule>().SaveSettingsAsync(new Contracts.Broadcast.BroadcastSettings(0, 7, new TimeOnly(0, 0), new TimeOnly(0, 0)), "test");
        // The template keeps 10% out as a holdout, decided by a hash of the journey's (random) id and the member: none here.
        var automation = app.Service<IAutomationModule>();
        var winBack = (await automation.ListJourneysAsync()).Single(j => j.Template == "win-back");
        Assert.True((await automation.SaveJourneyAsync(new SaveJourneyRequest(
            winBack.Id, winBack.Name, winBack.Description, winBack.Trigger, winBack.Steps, winBack.Exit, winBack.ReentryDays, 0, "test"))).Succeeded);
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
        List<string> pushed;
        do
        {
            // The coupon step is done before the next step pushes its announcement.
            pushed = (await app.Line.MessagesAsync(user)).Select(m => (string?)m!["message"]?["text"] ?? "").ToList();
        }
        while (!pushed.Any(m => m.Contains("回流禮", StringComparison.Ordinal)) && DateTime.UtcNow < deadline.AddSeconds(30) && await Delay());

        Assert.Contains(pushed, m => m.Contains("回流禮", StringComparison.Ordinal)); // the coupon's announcement in LINE
        var runs = await scope.ServiceProvider.GetRequiredService<IAutomationModule>().ListMemberRunsAsync(member.Id);
        Assert.Equal(JourneyRunStatus.Active, Assert.Single(runs).Status); // waiting 7 days for the reminder

        await page.GotoAsync($"/members/{member.Id}");
        await Expect(page.GetByTestId("member-journey-run")).ToContainTextAsync("沉睡顧客喚回旅程 · 進行中");
    }

    [Fact]
    public async Task Marketer_writes_an_auto_reply_and_a_customer_is_answered_by_reply_token()
    {
        var user = await app.Line.CreateUserAsync("問營業時間", follow: true);
        var page = await app.NewPageAsync();
        await page.SignInAsync("marketer@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/automation");
        await page.ClickUntilAsync(page.GetByTestId("rule-new"), page.GetByTestId("rule-name"));
        var phone = page.GetByTestId("campaign-phone");
        await page.RetryUntilAsync( // the preview shows it: the page runs on its circuit
            () => page.Field("rule-message-0").FillAsync("{{ name | default: \"您好\" }}，我們每天 11:00-21:00 營業"),
            phone.GetByTestId("campaign-phone-message").Filter(new() { HasText = "我們每天 11:00-21:00 營業" }));
        await page.Field("rule-name").FillAsync("營業時間");
        await page.Field("rule-keywords").FillAsync("營業時間\n幾點開");
        await page.ChooseAsync(page.GetByTestId("rule-match"), "包含");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "auto-reply-editor.png"), FullPage = true });
        await page.RetryUntilAsync(() => page.GetByTestId("rule-save").ClickAsync(), page.GetByTestId("auto-reply-name").Filter(new() { HasText = "營業時間" }));

        var sent = await app.Line.SendEventAsync(user, "message", text: "請問你們幾點開?");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var answers = new List<System.Text.Json.Nodes.JsonNode>();
        while (answers.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            answers = (await app.Line.MessagesAsync(user)).Where(m => ((string?)m!["message"]?["text"])?.Contains("11:00-21:00", StringComparison.Ordinal) == true).ToList()!;
        }

        var answer = Assert.Single(answers);
        Assert.Equal("reply", (string?)answer["endpoint"]);
        Assert.Equal("您好，我們每天 11:00-21:00 營業", (string?)answer["message"]!["text"]);
        Assert.NotNull(sent["replyToken"]);

        await page.ReloadAsync();
        var row = page.GetByTestId("auto-reply-list").Locator("tr").Filter(new() { HasText = "營業時間" });
        await Expect(row).ToContainTextAsync("幾點開");
        var rule = Assert.Single(await app.Service<IAutomationModule>().ListAutoRepliesAsync(), r => r.Name == "營業時間");
        Assert.Equal(new AutoReplyCounts(1, 1, 0), rule.Counts);
        Assert.Equal(KeywordMatchMode.Contains, rule.Match);
    }

    [Fact]
    public async Task Marketer_builds_a_journey_in_the_flow_editor_that_messages_a_tagged_member_and_notifies_staff()
    {
        var tags = app.Service<ITagsModule>();
        var tag = (await tags.SaveTagAsync(new SaveTagRequest(null, "試用新品", null, null, TagKind.Manual, TagActor.Staff("test")))).Tag!;
        await app.Service<Contracts.Broadcast.IBroadcastModule>().SaveSettingsAsync(new Contracts.Broadcast.BroadcastSettings(0, 7, new TimeOnly(0, 0), new TimeOnly(0, 0)), "test");
        var user = await app.Line.CreateUserAsync("試用會員", follow: true);
        var member = await FriendAsync(user);

        var page = await app.NewPageAsync();
        await page.SignInAsync("marketer@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/automation");
        await page.ClickUntilAsync(page.GetByTestId("journey-new"), page.GetByTestId("journey-name"));
        await page.RetryUntilAsync(() => page.Field("journey-name").FillAsync("新品試用追蹤"), page.GetByTestId("journey-title").Filter(new() { HasText = "新品試用追蹤" }));
        await page.Field("journey-holdout").FillAsync("0");
        await page.ChooseAsync(page.GetByTestId("journey-trigger-kind"), "加上標籤");
        await page.ChooseAsync(page.GetByTestId("journey-trigger").GetByTestId("tag-picker"), "試用新品");
        await page.Field("step-0-message-0").FillAsync("{{ name | default: \"您好\" }}，新品試用得如何？回覆告訴我們");
        await page.ClickUntilAsync(page.GetByTestId("journey-add-step"), page.GetByTestId("journey-add-NotifyStaff"));
        await page.GetByTestId("journey-add-NotifyStaff").ClickAsync();
        await Expect(page.GetByTestId("journey-step")).ToHaveCountAsync(2);
        await page.Field("step-note").FillAsync("請門市致電關心試用心得");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "journey-editor.png"), FullPage = true });
        await page.RetryUntilAsync(() => page.GetByTestId("journey-save").ClickAsync(), page.GetByTestId("journey-activate"));
        await page.ClickUntilAsync(page.GetByTestId("journey-activate"), page.GetByTestId("journey-pause"));
        await Expect(page.GetByTestId("journey-status")).ToHaveTextAsync("啟用中");

        var journey = Assert.Single(await app.Service<IAutomationModule>().ListJourneysAsync(), j => j.Name == "新品試用追蹤");
        Assert.Equal(new JourneyTrigger(JourneyTriggerKind.TagAdded, TagId: tag.Id), journey.Trigger);
        Assert.Equal([JourneyStepKind.SendMessages, JourneyStepKind.NotifyStaff], journey.Steps.Select(s => s.Kind));

        await tags.TagMemberAsync(new TagMemberRequest(member, tag.Id, TagActor.Staff("test")));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var notifications = app.Service<IAutomationModule>();
        while ((await notifications.ListNotificationsAsync(true, new PageRequest(1, 10))).Items.All(n => n.JourneyId != journey.Id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var pushed = (await app.Line.MessagesAsync(user)).Select(m => (string?)m!["message"]?["text"] ?? "").ToList();
        Assert.Contains("您好，新品試用得如何？回覆告訴我們", pushed);

        await page.GotoAsync("/automation/notifications");
        var row = page.GetByTestId("notification-list").Locator("tr").Filter(new() { HasText = "請門市致電關心試用心得" });
        await Expect(row).ToContainTextAsync("新品試用追蹤");
        await page.WaitForCircuitAsync();
        await row.GetByTestId("notification-read").ClickAsync();
        await Expect(row).ToHaveCountAsync(0); // unread only
        var read = (await notifications.ListNotificationsAsync(false, new PageRequest(1, 10))).Items.Single(n => n.JourneyId == journey.Id);
        Assert.Equal("marketer@demo.local", read.ReadBy);

        await page.GotoAsync($"/automation/journeys/{journey.Id}");
        await Expect(page.GetByTestId("journey-step").First.GetByTestId("journey-step-counts")).ToContainTextAsync("進入 1");
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }

    private async Task<Guid> FriendAsync(string user)
    {
        var members = app.Service<IMembersModule>();
        for (var i = 0; i < 300; i++)
        {
            if (await members.FindByLineUserIdAsync(user) is { } member)
            {
                return member.Id;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the follow never made a member");
    }
}
