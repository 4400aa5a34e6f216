using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Conversations;

/// <summary>
/// The staff inbox end to end: emulator → signed webhook → Line inbox → Conversations, and staff answers back through
/// the real client to the emulator, which enforces the reply token's single use.
/// </summary>
public sealed class ConversationFlowTests(LineSandbox line) : IClassFixture<LineSandbox>
{
    private IConversationsModule Conversations => line.Services.GetRequiredService<IConversationsModule>();

    [Fact]
    public async Task A_message_opens_a_conversation_and_staff_answer_by_reply_while_fresh_then_by_push_once_per_key()
    {
        var user = await line.FriendAsync("外送詢問");
        var changed = new List<Guid>();
        Conversations.Changed += id => { lock (changed) { changed.Add(id); } };

        var sent = await line.SendEventAsync(user, "message", "請問有外送嗎");
        var conversation = await line.ConversationAsync(user, c => c.Unread == 1);
        Assert.Equal("請問有外送嗎", conversation.LastPreview);
        Assert.Equal((ConversationStatus.Open, ConversationMode.Bot), (conversation.Status, conversation.Mode));
        Assert.NotNull(conversation.WaitingSince);
        Assert.True(conversation.ReplyTokenFresh);
        Assert.NotNull(conversation.MemberCode);
        await LineSandbox.EventuallyAsync(() => Task.FromResult(changed.ToList()), ids => ids.Contains(conversation.Id)); // LISTEN/NOTIFY

        var key = Guid.NewGuid();
        var first = await Conversations.SendAsync(new StaffReplyRequest(conversation.Id, [Text("有的，滿 NT$300 外送")], key, "staff@demo.local"));
        Assert.Equal(new StaffReplyResult(StaffReplyOutcome.Sent, SentBy.Reply), first);
        var again = await Conversations.SendAsync(new StaffReplyRequest(conversation.Id, [Text("有的，滿 NT$300 外送")], key, "staff@demo.local"));
        Assert.Equal(StaffReplyOutcome.AlreadySent, again.Outcome);
        var pushed = await Conversations.SendAsync(new StaffReplyRequest(conversation.Id, [Text("今天 21:00 前都可以")], Guid.NewGuid(), "staff@demo.local"));
        Assert.Equal(new StaffReplyResult(StaffReplyOutcome.Sent, SentBy.Push), pushed);

        var delivered = (await line.MessagesAsync(user)).Select(m => ((string?)m!["endpoint"], (string?)m["message"]?["text"])).ToList();
        Assert.Single(delivered, d => d == ("reply", "有的，滿 NT$300 外送"));
        Assert.Single(delivered, d => d == ("push", "今天 21:00 前都可以"));

        await line.RedeliverAsync((string)sent["webhookEventId"]!);
        var after = (await Conversations.GetAsync(conversation.Id))!;
        Assert.Equal((ConversationStatus.Pending, ConversationMode.Person, "staff@demo.local"), (after.Status, after.Mode, after.AssignedTo));
        Assert.Null(after.WaitingSince);
        var thread = await LineSandbox.EventuallyAsync(() => Conversations.ListMessagesAsync(conversation.Id), m => m.Count >= 3);
        Assert.Equal(
            [(MessageDirection.In, MessageAuthor.Customer, (SentBy?)null), (MessageDirection.Out, MessageAuthor.Staff, SentBy.Reply), (MessageDirection.Out, MessageAuthor.Staff, SentBy.Push)],
            thread.Select(m => (m.Direction, m.Author, m.SentBy)));
    }

    [Fact]
    public async Task A_hand_off_keyword_gives_the_conversation_to_a_person_auto_replies_stay_silent_until_resolved()
    {
        var automation = line.Services.GetRequiredService<IAutomationModule>();
        Assert.True((await automation.SaveAutoReplyAsync(new SaveAutoReplyRequest(
            null, "營業時間", AutoReplySource.Text, ["營業時間"], KeywordMatchMode.Contains, 10, true, null, [Text("每天 11:00-21:00")], null, "test"))).Succeeded);
        var user = await line.FriendAsync("想找真人");

        await line.SendEventAsync(user, "message", "營業時間?");
        await AnswersAsync(user, "每天 11:00-21:00", 1);
        var botThread = await line.ThreadAsync(user, m => m.Any(x => x.Direction == MessageDirection.Out));
        var autoReply = Assert.Single(botThread, m => m.Direction == MessageDirection.Out); // the bot's answer shows in the thread
        Assert.Equal((MessageAuthor.AutoReply, "營業時間", (SentBy?)SentBy.Reply, "每天 11:00-21:00"), (autoReply.Author, autoReply.StaffName, autoReply.SentBy, autoReply.Text));
        Assert.False((await line.ConversationAsync(user, _ => true)).ReplyTokenFresh); // spent by the auto-reply: staff would push

        await line.SendEventAsync(user, "message", "真人客服");
        var conversation = await line.ConversationAsync(user, c => c.Mode == ConversationMode.Person);
        var acknowledged = await AnswersAsync(user, "已為您轉接專人客服，請稍候，我們會盡快回覆您 🙏", 1);
        Assert.Equal("reply", (string?)acknowledged["endpoint"]);

        await line.SendEventAsync(user, "message", "營業時間到幾點?");
        await LineSandbox.EventuallyAsync(() => Conversations.ListMessagesAsync(conversation.Id), m => m.Count(x => x.Direction == MessageDirection.In) == 3);
        await Task.Delay(1500); // the responders would have answered by now
        Assert.Single(await TextsAsync(user), t => t == "每天 11:00-21:00");

        Assert.True(await Conversations.ResolveAsync(conversation.Id, "staff@demo.local"));
        await line.SendEventAsync(user, "message", "營業時間?");
        await AnswersAsync(user, "每天 11:00-21:00", 2);
        Assert.Equal((ConversationStatus.Open, ConversationMode.Bot), await LineSandbox.EventuallyAsync(
            async () => (await Conversations.GetAsync(conversation.Id))! is var c ? (c.Status, c.Mode) : default, s => s.Status == ConversationStatus.Open));
    }

    [Fact]
    public async Task A_rule_that_hands_off_answers_then_gives_the_conversation_to_a_person()
    {
        var automation = line.Services.GetRequiredService<IAutomationModule>();
        var saved = await automation.SaveAutoReplyAsync(new SaveAutoReplyRequest(
            null, "客訴", AutoReplySource.Text, ["退款"], KeywordMatchMode.Contains, 5, true, null, [Text("很抱歉！已請專人為您處理")], null, "test", HandOff: true));
        Assert.True(saved.Succeeded);
        Assert.True((await automation.GetAutoReplyAsync(saved.Id!.Value))!.HandOff);
        var user = await line.FriendAsync("要退款的顧客");

        await line.SendEventAsync(user, "message", "我要退款");
        await AnswersAsync(user, "很抱歉！已請專人為您處理", 1);
        var conversation = await line.ConversationAsync(user, c => c.Mode == ConversationMode.Person);

        await line.SendEventAsync(user, "message", "退款要多久?");
        await LineSandbox.EventuallyAsync(() => Conversations.ListMessagesAsync(conversation.Id), m => m.Count(x => x.Direction == MessageDirection.In) == 2);
        await Task.Delay(1500); // an auto-reply would have come by now
        Assert.Single(await TextsAsync(user), t => t == "很抱歉！已請專人為您處理");
    }

    [Fact]
    public async Task Unknown_conversations_and_bad_messages_are_refused_and_send_nothing()
    {
        var user = await line.FriendAsync("壞訊息");
        await line.SendEventAsync(user, "message", "hi");
        var conversation = await line.ConversationAsync(user, c => c.Unread == 1);
        var before = (await line.MessagesAsync(user)).Count;

        Assert.Equal(StaffReplyOutcome.NotFound, (await Conversations.SendAsync(new StaffReplyRequest(Guid.NewGuid(), [Text("x")], Guid.NewGuid(), "s"))).Outcome);
        Assert.Equal(StaffReplyOutcome.Invalid, (await Conversations.SendAsync(new StaffReplyRequest(conversation.Id, [Text(" ")], Guid.NewGuid(), "s"))).Outcome);
        Assert.Equal(StaffReplyOutcome.Invalid, (await Conversations.SendAsync(new StaffReplyRequest(conversation.Id, [], Guid.NewGuid(), "s"))).Outcome);

        Assert.Equal(before, (await line.MessagesAsync(user)).Count);
        Assert.Single(await Conversations.ListMessagesAsync(conversation.Id));
    }

    [Fact]
    public async Task Erasing_the_member_removes_their_conversation_and_messages()
    {
        var user = await line.FriendAsync("要刪除的顧客");
        await line.SendEventAsync(user, "message", "我的手機 0912345678");
        var conversation = await line.ConversationAsync(user, c => c.Unread == 1);
        var other = await line.FriendAsync("留下的顧客");
        await line.SendEventAsync(other, "message", "我還在");
        var kept = await line.ConversationAsync(other, c => c.Unread == 1);

        var member = await line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user);
        Assert.True(await line.Services.GetRequiredService<IMemberPrivacy>().EraseAsync(member!.Id, "會員要求刪除"));

        Assert.Null(await LineSandbox.EventuallyAsync(() => Conversations.GetAsync(conversation.Id), c => c is null));
        Assert.Empty(await Conversations.ListMessagesAsync(conversation.Id));
        Assert.Single(await Conversations.ListMessagesAsync(kept.Id));
    }

    [Fact]
    public async Task Staff_find_conversations_by_message_text_name_mobile_or_code_and_snooze_until_the_customer_writes_again()
    {
        var regular = await line.FriendAsync("常客陳");
        Assert.Equal(RegistrationOutcome.Registered, (await line.Services.GetRequiredService<IMemberRegistration>().RegisterAsync(
            new RegisterMemberRequest(regular, "陳雅琪", "0955321678", "1990-01-01", "Female", "TPE", null, 1))).Outcome);
        var asker = await line.FriendAsync("問路人");
        await line.SendEventAsync(regular, "message", "我想改訂單");
        await line.SendEventAsync(asker, "message", "請問停車場在哪裡");
        var regularConversation = await line.ConversationAsync(regular, c => c.Unread == 1);
        var askerConversation = await line.ConversationAsync(asker, c => c.Unread == 1);

        Assert.Equal([askerConversation.Id], await FoundAsync("停車場"));   // message text
        Assert.Equal([regularConversation.Id], await FoundAsync("雅琪"));   // the member's name
        Assert.Equal([regularConversation.Id], await FoundAsync("321678")); // part of the mobile
        Assert.Equal([regularConversation.Id], await FoundAsync(regularConversation.MemberCode!));
        Assert.Equal([askerConversation.Id], await FoundAsync("問路"));     // the LINE name
        Assert.Empty(await FoundAsync("100%_不存在"));                       // LIKE wildcards are literal

        Assert.False(await Conversations.SnoozeAsync(askerConversation.Id, DateTimeOffset.UtcNow.AddMinutes(-1), "staff")); // the past
        Assert.True(await Conversations.SnoozeAsync(askerConversation.Id, DateTimeOffset.UtcNow.AddHours(3), "staff"));
        Assert.DoesNotContain(await IdsAsync(ConversationStatus.Open), id => id == askerConversation.Id);
        Assert.Contains(await IdsAsync(ConversationStatus.Snoozed), id => id == askerConversation.Id);
        Assert.Equal(ConversationStatus.Snoozed, (await Conversations.GetAsync(askerConversation.Id))!.Status);

        await line.SendEventAsync(asker, "message", "還在嗎？");
        var back = await line.ConversationAsync(asker, c => c.Unread == 2);
        Assert.Equal((ConversationStatus.Open, (DateTimeOffset?)null), (back.Status, back.SnoozedUntil));
        Assert.Contains(await IdsAsync(ConversationStatus.Open), id => id == askerConversation.Id);

        Assert.True(await Conversations.ResolveAsync(regularConversation.Id, "staff", "已完成訂購"));
        Assert.Equal((ConversationStatus.Resolved, "已完成訂購"), await Conversations.GetAsync(regularConversation.Id) is { } resolved ? (resolved.Status, resolved.ResolvedReason) : default);
    }

    [Fact]
    public async Task Opening_marks_the_customers_messages_read_in_LINE_once_and_typing_shows_the_loading_animation_and_presence()
    {
        var user = await line.FriendAsync("等回覆的顧客");
        var sent = await line.SendEventAsync(user, "message", "請問還有貨嗎");
        var conversation = await line.ConversationAsync(user, c => c.Unread == 1);

        await Conversations.MarkReadAsync(conversation.Id);
        await Conversations.MarkReadAsync(conversation.Id); // opened again: nothing new to mark
        await Conversations.TypingAsync(conversation.Id, "staff@demo.local");
        await Conversations.TypingAsync(conversation.Id, "staff@demo.local"); // within 15 s: no second animation
        var chat = await line.Line.ChatAsync(user);
        var typing = (await Conversations.GetAsync(conversation.Id))!;

        var messageId = (await Conversations.ListMessagesAsync(conversation.Id)).Single().Content.GetProperty("id").GetString();
        Assert.Equal(messageId, (string?)chat["readMessageId"]);
        Assert.NotNull((string?)chat["loadingUntil"]);
        Assert.Equal((0, "staff@demo.local"), (typing.Unread, typing.TypingBy));
        var requests = await line.Line.RequestsAsync();
        Assert.Single(requests, r => (string?)r!["endpoint"] == "mark-as-read" && (int)r["status"]! == 200);
        Assert.Single(requests, r => (string?)r!["endpoint"] == "loading" && (string?)r["path"] == "/v2/bot/chat/loading/start" && (int)r["status"]! == 202);
        Assert.NotNull(sent["webhookEventId"]);

        await Conversations.SendAsync(new StaffReplyRequest(conversation.Id, [Text("有的！")], Guid.NewGuid(), "staff@demo.local"));
        Assert.Null((string?)(await line.Line.ChatAsync(user))["loadingUntil"]); // the answer ends the animation
    }

    private async Task<List<Guid>> FoundAsync(string search) =>
        (await Conversations.ListAsync(new ConversationQuery(Search: search), new PageRequest(1, 100))).Items.Select(c => c.Id).ToList();

    private async Task<List<Guid>> IdsAsync(ConversationStatus status) =>
        (await Conversations.ListAsync(new ConversationQuery(Status: status), new PageRequest(1, 100))).Items.Select(c => c.Id).ToList();

    private async Task<JsonNode> AnswersAsync(string user, string text, int count)
    {
        var messages = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(user), m => m.Count(x => (string?)x!["message"]?["text"] == text) >= count);
        Assert.Equal(count, messages.Count(x => (string?)x!["message"]?["text"] == text));
        return messages.Last(x => (string?)x!["message"]?["text"] == text)!;
    }

    private async Task<List<string?>> TextsAsync(string user) => (await line.MessagesAsync(user)).Select(m => (string?)m!["message"]?["text"]).ToList();

    private static JsonElement Text(string text) => JsonSerializer.SerializeToElement(new { type = "text", text });

    [Fact]
    public async Task A_campaign_the_customer_received_shows_in_their_thread_rendered_for_them()
    {
        var user = await line.FriendAsync("活動顧客");
        await line.SendEventAsync(user, "message", "有什麼優惠嗎");
        var member = (await line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user))!;
        var tags = line.Services.GetRequiredService<Membership.Contracts.Tags.ITagsModule>();
        var tag = (await tags.SaveTagAsync(new(null, "活動測試", null, null, Membership.Contracts.Tags.TagKind.Manual, Membership.Contracts.Tags.TagActor.Staff("test")))).Tag!;
        await tags.TagMemberAsync(new(member.Id, tag.Id, Membership.Contracts.Tags.TagActor.Staff("test")));
        var broadcast = line.Services.GetRequiredService<Membership.Contracts.Broadcast.IBroadcastModule>();
        var created = await broadcast.CreateCampaignAsync(new(
            "週末會員日", new Membership.Contracts.Broadcast.CampaignAudience(Tags: ["活動測試"]),
            [System.Text.Json.JsonSerializer.SerializeToElement(new { type = "text", text = "{{ member_code }}，週末全品項 9 折" })], 0, 7, "test"));
        Assert.True(created.Succeeded);
        await broadcast.ScheduleAsync(new(created.Id!.Value, null, true, true, "test"));
        await LineSandbox.EventuallyAsync(() => line.MessagesAsync(user), m => m.Any(x => ((string?)x!["message"]?["text"])?.Contains("9 折", StringComparison.Ordinal) == true));

        var thread = await line.ThreadAsync(user, t => t.Any(m => m.Author == MessageAuthor.Campaign));
        var campaign = Assert.Single(thread, m => m.Author == MessageAuthor.Campaign);
        Assert.Equal(("週末會員日", $"{member.MemberCode}，週末全品項 9 折"), (campaign.StaffName, campaign.Text));
        Assert.True(campaign.At > thread.First(m => m.Text == "有什麼優惠嗎").At); // in time order with the chat
    }

    [Fact]
    public async Task The_retention_period_removes_old_content_and_media_keeps_the_rest_and_refuses_a_bad_period()
    {
        var conversations = line.Services.GetRequiredService<IConversationsModule>();
        Assert.Equal("retentionDays", Assert.Single(await conversations.SetRetentionDaysAsync(7, "owner@test")).Path);
        var user = await line.FriendAsync("保存期限顧客");
        var recorder = line.Services.GetRequiredService<Membership.Contracts.Line.ILineChatRecorder>();
        var old = DateTimeOffset.UtcNow.AddDays(-40);
        await recorder.RecordAsync(new(user, $"old-{user}", old, "我的地址是台北市信義路 100 號", null, null,
            System.Text.Json.JsonSerializer.SerializeToElement(new { type = "text", id = "1", text = "我的地址是台北市信義路 100 號" })));
        await recorder.RecordAsync(new(user, $"old-image-{user}", old.AddMinutes(1), null, null, null,
            System.Text.Json.JsonSerializer.SerializeToElement(new { type = "image", id = "999000111" })));
        await line.SendEventAsync(user, "message", "今天的訂單到了嗎");
        await line.ThreadAsync(user, t => t.Count >= 3);

        Assert.Empty(await conversations.SetRetentionDaysAsync(30, "owner@test"));
        Assert.Equal(30, await conversations.GetRetentionDaysAsync());
        Assert.True(await conversations.PurgeExpiredContentAsync() >= 1);
        Assert.Equal(0, await conversations.PurgeExpiredContentAsync()); // nothing left to do

        var thread = await line.ThreadAsync(user, t => t.Any(m => m.ContentRemoved));
        Assert.Equal(2, thread.Count(m => m.ContentRemoved));
        var removed = thread.First(m => m.ContentRemoved);
        Assert.Equal((old.ToUnixTimeSeconds(), (string?)null), (removed.At.ToUnixTimeSeconds(), removed.Text));
        var image = thread.Single(m => m.Type == "image");
        Assert.Equal(MediaStatus.Gone, (await conversations.GetMediaAsync(image.Id))!.Status);
        Assert.DoesNotContain("信義路", removed.Content.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(thread, m => m.Text == "今天的訂單到了嗎" && !m.ContentRemoved);
        Assert.Empty((await conversations.ListAsync(new ConversationQuery(Search: "信義路"), new PageRequest())).Items);
        Assert.Empty(await conversations.SetRetentionDaysAsync(null, "owner@test"));
    }
}
