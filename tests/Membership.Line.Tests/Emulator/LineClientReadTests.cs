using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Line;

namespace Membership.Line.Tests.Emulator;

/// <summary>Replies, quota, profiles, followers, fan-out sends, rich menus and ID tokens against the emulator.</summary>
public sealed class LineClientReadTests : IDisposable
{
    private readonly EmulatorHost _emulator = new();

    [Fact]
    public async Task Reply_token_is_single_use()
    {
        var userId = await _emulator.CreateUserAsync(friend: false);
        var replyToken = (string)(await _emulator.SendEventAsync(userId, "follow"))["replyToken"]!;

        var first = await _emulator.Client.ReplyAsync(new ReplyMessageRequest(replyToken, [new TextMessage("welcome")]));
        var error = await Assert.ThrowsAsync<LineApiException>(() =>
            _emulator.Client.ReplyAsync(new ReplyMessageRequest(replyToken, [new TextMessage("welcome again")])));

        Assert.Single(first.SentMessages);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Invalid reply token", error.LineMessage);
        Assert.True(error.IsInvalidReplyToken);
        var delivered = Assert.Single(await _emulator.MessagesAsync(userId));
        Assert.Equal("reply", (string?)delivered!["endpoint"]);
        Assert.Null((string?)delivered["retryKey"]);
    }

    [Fact]
    public async Task Reply_token_expires_after_one_minute()
    {
        var userId = await _emulator.CreateUserAsync(friend: false);
        var replyToken = (string)(await _emulator.SendEventAsync(userId, "message", text: "hello"))["replyToken"]!;

        _emulator.Time.Advance(TimeSpan.FromSeconds(61));
        var error = await Assert.ThrowsAsync<LineApiException>(() =>
            _emulator.Client.ReplyAsync(new ReplyMessageRequest(replyToken, [new TextMessage("too late")])));

        Assert.True(error.IsInvalidReplyToken);
        Assert.Empty(await _emulator.MessagesAsync(userId));
    }

    [Fact]
    public async Task Quota_consumption_counts_pushes_not_replies()
    {
        var userId = await _emulator.CreateUserAsync(friend: false);
        var replyToken = (string)(await _emulator.SendEventAsync(userId, "follow"))["replyToken"]!;
        var before = await _emulator.Client.GetMessageQuotaConsumptionAsync();

        await _emulator.Client.ReplyAsync(new ReplyMessageRequest(replyToken, [new TextMessage("free"), new TextMessage("also free")]));
        await _emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage("paid"), new TextMessage("same recipient")]), Guid.NewGuid());
        var after = await _emulator.Client.GetMessageQuotaConsumptionAsync();
        var quota = await _emulator.Client.GetMessageQuotaAsync();

        Assert.Equal(0, before.TotalUsage);
        Assert.Equal(1, after.TotalUsage); // one recipient, whatever the number of message objects
        Assert.Equal(new LineMessageQuota("limited", 200_000), quota);
    }

    [Fact]
    public async Task Profile_comes_from_the_simulated_user_and_a_blocked_user_has_none()
    {
        var userId = await _emulator.CreateUserAsync("王小明");

        var profile = await _emulator.Client.GetProfileAsync(userId);
        await _emulator.SendEventAsync(userId, "unfollow");
        var afterBlock = await _emulator.Client.GetProfileAsync(userId);

        Assert.Equal(new LineUserProfile(userId, "王小明", "https://example.com/p.png", null, "zh-TW"), profile);
        Assert.Null(afterBlock);
    }

    [Fact]
    public async Task Blocked_user_gets_no_push_but_the_push_succeeds()
    {
        var userId = await _emulator.CreateUserAsync();
        await _emulator.SendEventAsync(userId, "unfollow");

        var result = await _emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage("lost")]), Guid.NewGuid());

        Assert.False(result.AlreadyAccepted);
        Assert.Empty(await _emulator.MessagesAsync(userId));
        Assert.Equal(0, (await _emulator.Client.GetMessageQuotaConsumptionAsync()).TotalUsage);
    }

    [Fact]
    public async Task Multicast_broadcast_and_narrowcast_reach_friends()
    {
        var a = await _emulator.CreateUserAsync("A");
        var b = await _emulator.CreateUserAsync("B");
        var stranger = await _emulator.CreateUserAsync("C", friend: false);

        await _emulator.Client.MulticastAsync(new MulticastMessageRequest([a, b], [new TextMessage("multi")]), Guid.NewGuid());
        await _emulator.Client.BroadcastAsync(new BroadcastMessageRequest([new TextMessage("all")]), Guid.NewGuid());
        var narrowcast = await _emulator.Client.NarrowcastAsync(new NarrowcastMessageRequest([new TextMessage("some")]), Guid.NewGuid());
        var progress = await _emulator.Client.GetNarrowcastProgressAsync(narrowcast.RequestId!);

        foreach (var friend in new[] { a, b })
        {
            var texts = (await _emulator.MessagesAsync(friend)).Select(m => (string?)m!["message"]!["text"]);
            Assert.Equal(["multi", "all", "some"], texts);
        }

        Assert.Empty(await _emulator.MessagesAsync(stranger));
        Assert.Equal("succeeded", progress.Phase);
        Assert.Equal(2, progress.SuccessCount);
        Assert.Equal(6, (await _emulator.Client.GetMessageQuotaConsumptionAsync()).TotalUsage);
    }

    [Fact]
    public async Task Follower_ids_page_through_friends_only()
    {
        var friends = new[] { await _emulator.CreateUserAsync("A"), await _emulator.CreateUserAsync("B"), await _emulator.CreateUserAsync("C") };
        await _emulator.CreateUserAsync("D", friend: false);

        var first = await _emulator.Client.GetFollowerIdsAsync(limit: 2);
        var second = await _emulator.Client.GetFollowerIdsAsync(first.Next, limit: 2);

        Assert.Equal(friends, first.UserIds.Concat(second.UserIds));
        Assert.NotNull(first.Next);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Rich_menu_is_created_uploaded_set_as_default_and_linked()
    {
        var userId = await _emulator.CreateUserAsync();
        var menu = new RichMenuRequest(new RichMenuSize(2500, 843), true, "member menu", "會員選單",
            [new RichMenuArea(new RichMenuBounds(0, 0, 1250, 843), new PostbackAction("menu=points") { Label = "Points" })]);

        var richMenuId = await _emulator.Client.CreateRichMenuAsync(menu);
        var beforeImage = await Assert.ThrowsAsync<LineApiException>(() => _emulator.Client.SetDefaultRichMenuAsync(richMenuId));
        await _emulator.Client.UploadRichMenuImageAsync(richMenuId, new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png");
        await _emulator.Client.SetDefaultRichMenuAsync(richMenuId);
        await _emulator.Client.LinkRichMenuToUserAsync(userId, richMenuId);

        var state = (await _emulator.Http.GetFromJsonAsync<JsonObject>("/_emulator/richmenu"))!;
        Assert.Equal(400, beforeImage.StatusCode);
        Assert.Equal(richMenuId, (string?)state["defaultRichMenuId"]);
        Assert.Equal(richMenuId, (string?)state["links"]![userId]);
        Assert.Equal("會員選單", (string?)state["richMenus"]![0]!["menu"]!["chatBarText"]);
    }

    [Fact]
    public async Task Id_token_minted_by_the_emulator_verifies_until_it_expires()
    {
        var userId = await _emulator.CreateUserAsync("Mei");
        using var minted = await _emulator.Http.PostAsync($"/_emulator/users/{userId}/id-token", null);
        var idToken = (string)(await minted.Content.ReadFromJsonAsync<JsonObject>())!["idToken"]!;

        var verified = await _emulator.Client.VerifyIdTokenAsync(idToken);
        _emulator.Time.Advance(TimeSpan.FromHours(1));
        var expired = await _emulator.Client.VerifyIdTokenAsync(idToken);
        var forged = await _emulator.Client.VerifyIdTokenAsync(idToken[..^2] + (idToken[^2] == 'A' ? "BB" : "AA"));

        Assert.NotNull(verified);
        Assert.Equal(userId, verified.Sub);
        Assert.Equal(EmulatorHost.ChannelId, verified.Aud);
        Assert.Equal("https://access.line.me", verified.Iss);
        Assert.Equal("Mei", verified.Name);
        Assert.Null(expired);
        Assert.Null(forged);
    }

    [Fact]
    public async Task Id_token_for_another_channel_is_refused()
    {
        using var otherChannel = new EmulatorHost(new() { ["Line:ChannelId"] = "999" });
        var userId = await otherChannel.CreateUserAsync();
        using var minted = await otherChannel.Http.PostAsync($"/_emulator/users/{userId}/id-token", null);
        var idToken = (string)(await minted.Content.ReadFromJsonAsync<JsonObject>())!["idToken"]!;

        Assert.Null(await otherChannel.Client.VerifyIdTokenAsync(idToken));
    }

    public void Dispose() => _emulator.Dispose();
}
