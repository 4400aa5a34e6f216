using System.Net.Http.Json;
using Membership.Contracts.Automation;
using Membership.Contracts.Conversations;
using Membership.Contracts.Coupons;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Testing.Line;
using Membership.Testing;

namespace Membership.Automation.Tests;

/// <summary>
/// Journeys end to end on the real modules and the LINE emulator: triggers enter once per occurrence, waits are rows
/// that resume after a restart, exits, branches, quiet hours, the holdout, and two instances running one database.
/// </summary>
public sealed class JourneyTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : AutomationTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    private static readonly JourneyTrigger WinBack = new(JourneyTriggerKind.NesChanged, From: "E0", To: "S1");

    [Fact]
    public async Task The_win_back_template_issues_its_coupon_once_per_E0_to_S1_change_and_reminds_after_7_days()
    {
        var (member, user) = await FriendAsync("林美玲", mobile: "0912000001");
        var coupon = await CouponAsync();
        var journey = (await Automation.ListJourneysAsync()).Single(j => j.Template == "win-back");
        Assert.Equal(JourneyStatus.Draft, journey.Status);
        Assert.Equal(5, (await Automation.ListJourneysAsync()).Count(j => j.Template is not null)); // created once
        Assert.Equal(JourneyStatusChange.Changed, (await Automation.ActivateJourneyAsync(journey.Id, "marketer@test")).Change);

        var changed = new MemberNesStateChanged(member, "E0", "S1", Guid.NewGuid(), new DateOnly(2026, 3, 2));
        await PublishAsync(changed);
        await PublishAsync(changed); // the outbox delivers at least once
        await ProcessAsync(Module);

        var coupons = await Module.Scoped<ICouponsModule>().GetMemberCouponsAsync(member, usableOnly: false);
        Assert.Equal(coupon, Assert.Single(coupons).DefinitionId);
        var afterCoupon = (await DeliveredAsync(user)).Count;
        Assert.True(afterCoupon >= 1, "the coupon is announced in LINE");

        Advance(TimeSpan.FromDays(6));
        await ProcessAsync(Module);
        Assert.Equal(afterCoupon, (await DeliveredAsync(user)).Count);
        Advance(TimeSpan.FromDays(1.01));
        await ProcessAsync(Module);
        await ProcessAsync(Module);

        var delivered = await DeliveredAsync(user);
        Assert.Equal(afterCoupon + 1, delivered.Count);
        Assert.StartsWith("林美玲，好久不見！", delivered[^1].Text, StringComparison.Ordinal);
        var detail = (await Automation.GetJourneyAsync(journey.Id))!;
        Assert.Equal(new JourneyRunCounts(1, 0, 1, 0, 0), detail.Runs);
        Assert.All(detail.Steps.Where(s => s.StepId != "purchased" || true), s => Assert.True(s.Entered <= 1));
        Assert.Equal(1, detail.Steps.Single(s => s.StepId == "reminder").Done);
    }

    [Fact]
    public async Task A_purchase_during_the_wait_ends_the_run_and_no_reminder_is_sent()
    {
        var (member, user) = await FriendAsync("陳志明", mobile: "0912000002");
        await JourneyAsync(WinBack, new JourneyExitRules(OnPurchase: true), 0, 0,
            new JourneyStep("wait", JourneyStepKind.Wait, Wait: TimeSpan.FromDays(7)),
            new JourneyStep("reminder", JourneyStepKind.SendMessages, Messages: [Text("回來看看吧")]));
        await PublishAsync(new MemberNesStateChanged(member, "E0", "S1", Guid.NewGuid(), new DateOnly(2026, 3, 2)));
        await ProcessAsync(Module);

        await PublishAsync(await PurchaseAsync(member));
        Advance(TimeSpan.FromDays(8));
        await ProcessAsync(Module);

        Assert.DoesNotContain(await DeliveredAsync(user), d => d.Text == "回來看看吧");
        var run = Assert.Single(await Automation.ListMemberRunsAsync(member));
        Assert.Equal(JourneyRunStatus.Exited, run.Status);
        Assert.Equal("purchased", run.ExitReason);
    }

    [Fact]
    public async Task A_wait_resumes_after_a_restart_at_its_due_time_and_sends_once()
    {
        var (member, user) = await FriendAsync("張雅婷");
        await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.Followed), null, 0, 0,
            new JourneyStep("wait", JourneyStepKind.Wait, Wait: TimeSpan.FromDays(1)),
            new JourneyStep("hello", JourneyStepKind.SendMessages, Messages: [Text("歡迎！明天起每週三會員日")]));
        var followed = new MemberFollowed(member, user, false, "evt-follow-1", Module.Clock.GetUtcNow());
        await PublishAsync(followed);
        await PublishAsync(followed);
        await ProcessAsync(Module);

        var restarted = NewInstance(); // the first instance stops; waits live in rows, not timers
        Advance(TimeSpan.FromHours(23));
        await ProcessAsync(restarted);
        Assert.DoesNotContain(await DeliveredAsync(user), d => d.Text == "歡迎！明天起每週三會員日");
        Advance(TimeSpan.FromHours(1.01));
        await ProcessAsync(restarted);
        await ProcessAsync(restarted);

        Assert.Single(await DeliveredAsync(user), d => d.Text == "歡迎！明天起每週三會員日");
        Assert.Single(await Automation.ListMemberRunsAsync(member));
    }

    [Fact]
    public async Task A_journey_message_joins_the_customers_chat_thread_once_as_sent()
    {
        var (member, user) = await FriendAsync("林志豪");
        await Module.Scoped<ILineChatRecorder>().RecordAsync(new LineChatEvent(user, "evt-chat-1", Module.Clock.GetUtcNow(), "你好", null, null));
        await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.Followed), null, 0, 0,
            new JourneyStep("hello", JourneyStepKind.SendMessages, Messages: [Text("{{ member_code }} 歡迎入會")]));
        var followed = new MemberFollowed(member, user, false, "evt-follow-3", Module.Clock.GetUtcNow());
        await PublishAsync(followed);
        await PublishAsync(followed);
        await ProcessAsync(Module);
        await ProcessAsync(Module);

        var conversations = Module.Scoped<IConversationsModule>();
        var conversation = (await conversations.FindByLineUserIdAsync(user))!;
        var sent = Assert.Single(await conversations.ListMessagesAsync(conversation.Id), m => m.Author == MessageAuthor.Journey);
        var code = (await Module.Scoped<IMembersModule>().GetAsync(member))!.MemberCode;
        Assert.Equal($"{code} 歡迎入會", sent.Text); // rendered for the member, as LINE got it
        Assert.Equal(SentBy.Push, sent.SentBy);
    }

    [Fact]
    public async Task A_condition_branches_tagged_members_one_way_and_the_others_out()
    {
        var tags = Module.Scoped<ITagsModule>();
        var vip = (await tags.SaveTagAsync(new SaveTagRequest(null, "VIP", null, null, TagKind.Manual, TagActor.Staff("test")))).Tag!;
        var (tagged, taggedUser) = await FriendAsync("有標籤");
        var (plain, plainUser) = await FriendAsync("沒標籤");
        await tags.TagMemberAsync(new TagMemberRequest(tagged, vip.Id, TagActor.Staff("test")));
        await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.Registered), null, 0, 0,
            new JourneyStep("vip", JourneyStepKind.Condition, Condition: new JourneyCondition(JourneyConditionKind.HasTag, vip.Id), OnNo: JourneyStep.Exit),
            new JourneyStep("thanks", JourneyStepKind.SendMessages, Messages: [Text("VIP 專屬感謝")]),
            new JourneyStep("points", JourneyStepKind.GivePoints, Points: 50, Note: "VIP 感謝禮"));

        foreach (var member in new[] { tagged, plain })
        {
            await PublishAsync(new MemberRegistered(member, "M", null, Module.Clock.GetUtcNow(), false));
        }

        await ProcessAsync(Module);

        Assert.Single(await DeliveredAsync(taggedUser), d => d.Text == "VIP 專屬感謝");
        Assert.DoesNotContain(await DeliveredAsync(plainUser), d => d.Text == "VIP 專屬感謝");
        var points = Module.Scoped<Contracts.Points.IPointsModule>();
        Assert.Equal((await points.GetBalanceAsync(plain)).Balance + 50, (await points.GetBalanceAsync(tagged)).Balance); // both got any registration gift
        var exited = Assert.Single(await Automation.ListMemberRunsAsync(plain));
        Assert.Equal((JourneyRunStatus.Exited, "condition:no"), (exited.Status, exited.ExitReason));
    }

    [Fact]
    public async Task Inside_quiet_hours_a_send_waits_for_their_end()
    {
        var (member, user) = await FriendAsync("夜貓");
        await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.Registered), null, 0, 0,
            new JourneyStep("hello", JourneyStepKind.SendMessages, Messages: [Text("早安，會員日開跑")]));
        Advance(TimeSpan.FromHours(11)); // 23:00 Taipei, inside the default 22:00-09:00
        await PublishAsync(new MemberRegistered(member, "M", null, Module.Clock.GetUtcNow(), false));
        await ProcessAsync(Module);
        Assert.Empty(await DeliveredAsync(user));
        var waiting = Assert.Single(Assert.Single(await Automation.ListMemberRunsAsync(member)).Steps);
        Assert.Equal((RunStepStatus.Waiting, "quiet hours"), (waiting.Status, waiting.Outcome));

        Advance(TimeSpan.FromHours(10)); // 09:00 the next day
        await ProcessAsync(Module);

        Assert.Equal([("push", "早安，會員日開跑")], await DeliveredAsync(user));
    }

    [Fact]
    public async Task Two_instances_share_the_runs_and_each_member_gets_the_message_once()
    {
        var friends = new List<(Guid MemberId, string LineUserId)>();
        for (var i = 0; i < 40; i++)
        {
            friends.Add(await FriendAsync($"會員{i}"));
        }

        var journey = await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.Registered), null, 0, 0,
            new JourneyStep("hello", JourneyStepKind.SendMessages, Messages: [Text("{{ member_code }} 歡迎入會")]),
            new JourneyStep("notify", JourneyStepKind.NotifyStaff, Note: "新會員，請留意"));
        foreach (var (member, _) in friends)
        {
            await PublishAsync(new MemberRegistered(member, "M", null, Module.Clock.GetUtcNow(), false));
        }

        var second = NewInstance();
        await Task.WhenAll(ProcessAsync(Module), ProcessAsync(second), ProcessAsync(Module), ProcessAsync(second));

        foreach (var (_, user) in friends)
        {
            Assert.Single(await DeliveredAsync(user));
        }

        // LINE counts the journey's messages under its own aggregation unit: 40 users, once each, by 40 retry keys.
        var unit = $"j{journey:N}"[..30];
        var audit = (await Emulator.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/_emulator/audit?unit={unit}"))!;
        Assert.Equal((40, 0, 40), ((int)audit["users"]!, (int)audit["duplicatedUsers"]!, (int)audit["retryKeys"]!));

        var detail = (await Automation.GetJourneyAsync(journey))!;
        Assert.Equal(40, detail.Runs.Completed);
        Assert.Equal(40, detail.Steps.Single(s => s.StepId == "hello").Done);
        Assert.Equal(40, (await Automation.ListNotificationsAsync(true, new Contracts.Common.PageRequest(1, 100))).TotalCount);
    }

    [Fact]
    public async Task The_holdout_walks_the_journey_without_messages_and_conversions_compare_both()
    {
        var friends = new List<(Guid MemberId, string LineUserId)>();
        for (var i = 0; i < 30; i++)
        {
            friends.Add(await FriendAsync($"對照{i}"));
        }

        var journey = await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.Registered), null, 50, 0,
            new JourneyStep("hello", JourneyStepKind.SendMessages, Messages: [Text("本週會員日")]));
        foreach (var (member, _) in friends)
        {
            await PublishAsync(new MemberRegistered(member, "M", null, Module.Clock.GetUtcNow(), false));
        }

        await ProcessAsync(Module);
        Advance(TimeSpan.FromHours(1));
        foreach (var (member, _) in friends.Take(10))
        {
            await PurchaseAsync(member);
        }

        var detail = (await Automation.GetJourneyAsync(journey))!;
        var messaged = 0;
        foreach (var (_, user) in friends)
        {
            messaged += (await DeliveredAsync(user)).Count;
        }

        Assert.InRange(detail.Runs.Holdout, 5, 25);
        Assert.Equal(30 - detail.Runs.Holdout, messaged);
        Assert.Equal((30 - detail.Runs.Holdout, detail.Runs.Holdout), (detail.Conversion.Messaged, detail.Conversion.HoldoutReached));
        Assert.Equal(10, detail.Conversion.Converted + detail.Conversion.HoldoutConverted);
    }

    [Fact]
    public async Task Triggers_fire_once_per_occurrence()
    {
        var (member, _) = await FriendAsync("觸發");
        var tags = Module.Scoped<ITagsModule>();
        var tag = (await tags.SaveTagAsync(new SaveTagRequest(null, "試吃", null, null, TagKind.Manual, TagActor.Staff("test")))).Tag!;
        var step = new JourneyStep("note", JourneyStepKind.NotifyStaff, Note: "看一下");
        var firstPurchase = await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.FirstPurchase), null, 0, 0, step);
        var tierUp = await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.TierChanged, Direction: TierDirection.Up, MinRank: 2), null, 0, 0, step);
        var tagged = await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.TagAdded, TagId: tag.Id), null, 0, 0, step);
        var noPurchase = await JourneyAsync(new JourneyTrigger(JourneyTriggerKind.NoPurchaseFor, Days: 30), null, 0, 0, step);

        await PublishAsync(await PurchaseAsync(member));
        await PublishAsync(await PurchaseAsync(member)); // a second purchase is not a first one
        await PublishAsync(new Contracts.Tiers.MemberTierChanged(member, "silver", "gold", 1, 2, "upgrade", Module.Clock.GetUtcNow()));
        await PublishAsync(new Contracts.Tiers.MemberTierChanged(member, "regular", "silver", 0, 1, "upgrade", Module.Clock.GetUtcNow())); // below the top tiers
        var added = (await tags.TagMemberAsync(new TagMemberRequest(member, tag.Id, TagActor.Staff("test")))).Assignment!;
        var taggedEvent = new MemberTagged(member, tag.Id, tag.Name, TagActor.Staff("test"), added.AddedAt);
        await PublishAsync(taggedEvent);
        await PublishAsync(taggedEvent);
        Advance(TimeSpan.FromDays(30));
        var job = Module.Scoped<Triggers.EnterScheduledJourneysJob>();
        Assert.Equal(1, await job.RunAsync(CancellationToken.None));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));
        await ProcessAsync(Module);

        foreach (var journey in new[] { firstPurchase, tierUp, tagged, noPurchase })
        {
            Assert.Equal(1, (await Automation.GetJourneyAsync(journey))!.Runs.Entered);
        }
    }

    [Fact]
    public async Task Invalid_journeys_are_refused_and_a_coupon_step_needs_a_coupon_to_activate()
    {
        var saved = await Automation.SaveJourneyAsync(new SaveJourneyRequest(null, "壞旅程", null, new JourneyTrigger(JourneyTriggerKind.TagAdded),
            [
                new JourneyStep("a", JourneyStepKind.Condition, Condition: new JourneyCondition(JourneyConditionKind.Registered), OnNo: "a"),
                new JourneyStep("a", JourneyStepKind.Wait),
            ], new JourneyExitRules(), 0, 0, "marketer@test"));
        Assert.False(saved.Succeeded);
        var paths = saved.Errors.Select(e => e.Path).ToList();
        Assert.Contains("trigger.tagId", paths);
        Assert.Contains("steps[0].onNo", paths);
        Assert.Contains("steps[1].id", paths);
        Assert.Contains("steps[1].wait", paths);

        var birthday = (await Automation.ListJourneysAsync()).Single(j => j.Template == "birthday");
        var refused = await Automation.ActivateJourneyAsync(birthday.Id, "marketer@test"); // no birthday coupon defined
        Assert.Equal(JourneyStatusChange.Invalid, refused.Change);
        Assert.Equal("steps[0].couponDefinitionId", Assert.Single(refused.Errors).Path);
    }

    private async Task<Guid> CouponAsync() =>
        (await Module.Scoped<ICouponsModule>().SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "回流禮 NT$50", "NT$50 off", CouponKind.AmountOff, 50, null, null, null, 14, 1, null, CouponPurpose.Campaign, 0, true, "test"))).Id;
}
