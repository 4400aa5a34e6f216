using Membership.Contracts.Automation;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Membership.Testing;
using Membership.Testing.Line;

namespace Membership.Automation.Tests;

/// <summary>
/// Keyword auto-replies answered through the real LINE emulator with the event's reply token: match modes, priority,
/// time windows, the default reply, postbacks, personal fields, redelivery and spent tokens.
/// </summary>
public sealed class AutoReplyTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : AutomationTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    [Fact]
    public async Task Exact_and_contains_rules_answer_by_priority_with_the_reply_token()
    {
        var (_, user) = await FriendAsync("小美");
        await RuleAsync("營業時間", ["營業時間"], KeywordMatchMode.Exact, 10, "每天 11:00-21:00 營業");
        await RuleAsync("營業相關", ["營業"], KeywordMatchMode.Contains, 20, "營業資訊請看官網");
        await RuleAsync("低優先", ["營業時間"], KeywordMatchMode.Exact, 30, "不該出現");

        Assert.True(await SayAsync(user, " 營業時間 "));
        Assert.True(await SayAsync(user, "請問週末營業嗎"));
        Assert.False(await SayAsync(user, "你好")); // no rule, default reply off

        var delivered = await DeliveredAsync(user);
        Assert.Equal([("reply", "每天 11:00-21:00 營業"), ("reply", "營業資訊請看官網")], delivered);
    }

    [Fact]
    public async Task The_same_event_answered_twice_replies_once_and_counts_once()
    {
        var (_, user) = await FriendAsync("小美");
        var rule = await RuleAsync("菜單", ["菜單"], KeywordMatchMode.Exact, 10, "本季菜單在這裡");
        var sent = await Emulator.SendEventAsync(user, "message", text: "菜單");
        var chat = new LineChatEvent(user, (string)sent["webhookEventId"]!, Module.Clock.GetUtcNow(), "菜單", null, (string)sent["replyToken"]!);

        Assert.True(await Responder().AnswerAsync(chat));
        Assert.True(await Responder().AnswerAsync(chat)); // a redelivery, or the inbox retrying the event

        Assert.Single(await DeliveredAsync(user));
        var counts = (await Automation.GetAutoReplyAsync(rule))!.Counts;
        Assert.Equal(new AutoReplyCounts(1, 1, 0), counts);
    }

    [Fact]
    public async Task A_spent_reply_token_counts_as_failed_and_pushes_nothing()
    {
        var (_, user) = await FriendAsync("小美");
        var rule = await RuleAsync("菜單", ["菜單"], KeywordMatchMode.Exact, 10, "本季菜單在這裡");
        var sent = await Emulator.SendEventAsync(user, "message", text: "菜單");
        var token = (string)sent["replyToken"]!;

        Assert.True(await Responder().AnswerAsync(new LineChatEvent(user, "evt-a", Module.Clock.GetUtcNow(), "菜單", null, token)));
        Assert.True(await Responder().AnswerAsync(new LineChatEvent(user, "evt-b", Module.Clock.GetUtcNow(), "菜單", null, token)));

        Assert.Single(await DeliveredAsync(user));
        Assert.Equal(new AutoReplyCounts(2, 1, 1), (await Automation.GetAutoReplyAsync(rule))!.Counts);
    }

    [Fact]
    public async Task A_rule_with_a_time_window_answers_only_inside_it_and_the_default_reply_otherwise()
    {
        var (_, user) = await FriendAsync("小美");
        await RuleAsync("下班時間", ["客服"], KeywordMatchMode.Contains, 10, "現在是非營業時間，明早 9 點回覆您", new ReplyWindow(new TimeOnly(21, 0), new TimeOnly(9, 0)));
        Assert.Empty(await Automation.SaveDefaultReplyAsync(new DefaultReply(true, [Text("{{ name | default: \"您好\" }}，我們收到您的訊息了")]), "marketer@test"));

        Assert.True(await SayAsync(user, "找客服")); // 12:00 Taipei: outside the window, the default reply answers (a friend has no member name yet)
        Advance(TimeSpan.FromHours(10)); // 22:00 Taipei
        Assert.True(await SayAsync(user, "找客服"));

        var delivered = await DeliveredAsync(user);
        Assert.Equal([("reply", "您好，我們收到您的訊息了"), ("reply", "現在是非營業時間，明早 9 點回覆您")], delivered);
    }

    [Fact]
    public async Task A_postback_rule_answers_its_data_and_other_postbacks_are_left_to_the_rich_menu()
    {
        var (_, user) = await FriendAsync("小美");
        await RuleAsync("門市資訊", ["menu:stores"], KeywordMatchMode.Exact, 10, "門市地址：台北市信義路一段 1 號", source: AutoReplySource.Postback);

        var sent = await Emulator.SendEventAsync(user, "postback", data: "menu:stores");
        Assert.True(await Responder().AnswerAsync(new LineChatEvent(user, (string)sent["webhookEventId"]!, Module.Clock.GetUtcNow(), null, "menu:stores", (string)sent["replyToken"]!)));
        var other = await Emulator.SendEventAsync(user, "postback", data: RichMenuPostbacks.Card);
        Assert.False(await Responder().AnswerAsync(new LineChatEvent(user, (string)other["webhookEventId"]!, Module.Clock.GetUtcNow(), null, RichMenuPostbacks.Card, (string)other["replyToken"]!)));
        Assert.False(await SayAsync(user, "menu:stores")); // a text is not the postback

        Assert.Equal([("reply", "門市地址：台北市信義路一段 1 號")], await DeliveredAsync(user));
    }

    [Fact]
    public async Task The_answer_is_personal_goes_on_the_timeline_and_tags_the_member()
    {
        var (member, user) = await FriendAsync("林美玲", mobile: "0912345678");
        var tag = (await Module.Scoped<ITagsModule>().SaveTagAsync(new SaveTagRequest(null, "問過營業時間", null, null, TagKind.Manual, TagActor.Staff("test")))).Tag!;
        var saved = await Automation.SaveAutoReplyAsync(new SaveAutoReplyRequest(
            null, "營業時間", AutoReplySource.Text, ["營業時間"], KeywordMatchMode.Exact, 10, true, null,
            [Text("{{ name }} 您好，每天 11:00-21:00 營業；會員卡：{{ card_url }}")], tag.Id, "marketer@test"));
        Assert.True(saved.Succeeded);

        Assert.True(await SayAsync(user, "營業時間"));

        var text = (await DeliveredAsync(user)).Single().Text!;
        Assert.StartsWith("林美玲 您好，每天 11:00-21:00 營業；會員卡：https://crm.test.example/m/card?t=", text, StringComparison.Ordinal);
        var timeline = await Module.Scoped<IMembersModule>().GetTimelineAsync(member, new Contracts.Common.PageRequest(1, 20));
        Assert.Contains(timeline.Items, e => e.Kind == AutomationModuleExtensions.AutoReplyTimelineKind && e.Summary == "自動回應「營業時間」");
        Assert.Contains(await Module.Scoped<ITagsModule>().GetMemberTagsAsync(member), t => t.TagId == tag.Id);
    }

    [Fact]
    public async Task Invalid_rules_are_refused_with_the_path_of_each_error()
    {
        var result = await Automation.SaveAutoReplyAsync(new SaveAutoReplyRequest(
            null, "", AutoReplySource.Text, ["  "], KeywordMatchMode.Exact, 0, true, null,
            [System.Text.Json.JsonSerializer.SerializeToElement(new { type = "text" })], null, "marketer@test"));

        Assert.False(result.Succeeded);
        var paths = result.Errors.Select(e => e.Path).ToList();
        Assert.Contains("name", paths);
        Assert.Contains("keywords", paths);
        Assert.Contains("priority", paths);
        Assert.Contains(paths, p => p.StartsWith("messages[0]", StringComparison.Ordinal));
        Assert.Empty(await Automation.ListAutoRepliesAsync());
    }

    private ILineChatResponder Responder() => Module.Scoped<ILineChatResponder>();

    private async Task<bool> SayAsync(string user, string text)
    {
        var sent = await Emulator.SendEventAsync(user, "message", text: text);
        return await Responder().AnswerAsync(new LineChatEvent(user, (string)sent["webhookEventId"]!, Module.Clock.GetUtcNow(), text, null, (string)sent["replyToken"]!));
    }

    private async Task<Guid> RuleAsync(
        string name, string[] keywords, KeywordMatchMode match, int priority, string reply, ReplyWindow? window = null, AutoReplySource source = AutoReplySource.Text)
    {
        var saved = await Automation.SaveAutoReplyAsync(new SaveAutoReplyRequest(null, name, source, keywords, match, priority, true, window, [Text(reply)], null, "marketer@test"));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => $"{e.Path}: {e.Message}")));
        return saved.Id!.Value;
    }
}
