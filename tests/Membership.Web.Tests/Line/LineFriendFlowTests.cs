using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Line;

/// <summary>Customers through LINE, end to end: emulator → signed webhook → inbox → processor → Members → greeting → emulator.</summary>
public sealed class LineFriendFlowTests(LineSandbox line) : IClassFixture<LineSandbox>
{
    private IMembersModule Members => line.Services.GetRequiredService<IMembersModule>();

    [Fact]
    public async Task A_new_friend_becomes_a_member_with_the_profile_and_is_greeted()
    {
        var userId = await line.CreateUserAsync("林小美", "https://example.com/mei.png");

        await line.SendEventAsync(userId, "follow");

        var member = await EventuallyMemberAsync(userId, m => m?.FriendStatus == FriendStatus.Friend);
        Assert.Equal("林小美", member!.LineDisplayName);
        Assert.Equal("https://example.com/mei.png", member.PictureUrl);
        Assert.Equal("zh-TW", member.Language);
        var greeting = Assert.Single(await EventuallyMessagesAsync(userId, 1));
        Assert.Equal("reply", (string?)greeting!["endpoint"]);
        Assert.Contains("/m/register", (string?)greeting["message"]!["text"], StringComparison.Ordinal);
        var timeline = await Members.GetTimelineAsync(member.Id, new PageRequest());
        Assert.Equal(TimelineKinds.FriendAdded, Assert.Single(timeline.Items).Kind);
    }

    [Fact]
    public async Task Blocking_makes_the_member_unreachable_and_unblocking_brings_them_back()
    {
        var userId = await line.CreateUserAsync("張大同");
        await line.SendEventAsync(userId, "follow");
        await EventuallyMemberAsync(userId, m => m?.FriendStatus == FriendStatus.Friend);
        // The greeting follows the member's record: blocking before it arrives would drop it, as LINE does for blocked users.
        await EventuallyMessagesAsync(userId, 1);

        await line.SendEventAsync(userId, "unfollow");
        var blocked = await EventuallyMemberAsync(userId, m => m?.FriendStatus == FriendStatus.Blocked);
        await line.SendEventAsync(userId, "follow");
        var back = await EventuallyMemberAsync(userId, m => m?.FriendStatus == FriendStatus.Friend);

        Assert.Equal(FriendStatus.Blocked, blocked!.FriendStatus);
        Assert.Equal(FriendStatus.Friend, back!.FriendStatus);
        Assert.Equal(blocked.Id, back.Id);
        var kinds = await EventuallyTimelineAsync(back.Id, 3);
        Assert.Equal([TimelineKinds.FriendReturned, TimelineKinds.FriendBlocked, TimelineKinds.FriendAdded], kinds);
        Assert.Equal(2, (await EventuallyMessagesAsync(userId, 2)).Count);
    }

    [Fact]
    public async Task The_same_event_delivered_ten_times_gives_one_timeline_entry_and_one_greeting()
    {
        var userId = await line.CreateUserAsync("重送測試");
        var follow = await line.SendEventAsync(userId, "follow");
        var eventId = (string)follow["webhookEventId"]!;

        for (var i = 0; i < 9; i++)
        {
            await line.RedeliverAsync(eventId);
        }

        var member = await EventuallyMemberAsync(userId, m => m is not null);
        await Task.Delay(500); // give a wrongly repeated handling the time to show
        Assert.Single((await Members.GetTimelineAsync(member!.Id, new PageRequest())).Items);
        Assert.Single(await line.MessagesAsync(userId));
        var stored = await line.Services.GetRequiredService<ILineInbox>().ListAsync(null, new PageRequest(1, 200));
        Assert.Single(stored.Items, e => e.WebhookEventId == eventId);
    }

    [Fact]
    public async Task Messages_and_postbacks_go_on_the_timeline_even_for_a_friend_unknown_so_far()
    {
        var userId = await line.CreateUserAsync("老朋友");

        await line.SendEventAsync(userId, "message", text: "請問營業時間？");
        await line.SendEventAsync(userId, "postback", data: "action=card");

        var member = await EventuallyMemberAsync(userId, m => m is not null);
        var timeline = await LineSandbox.EventuallyAsync(
            () => Members.GetTimelineAsync(member!.Id, new PageRequest()), t => t.TotalCount >= 3);
        Assert.Equal(["action=card", "請問營業時間？"], timeline.Items.Take(2).Select(e => e.Summary));
        Assert.Equal("老朋友", member!.LineDisplayName);
    }

    [Fact]
    public async Task With_thirty_percent_of_lines_answers_failing_the_greeting_still_arrives_exactly_once()
    {
        var users = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            users.Add(await line.CreateUserAsync($"不穩定 {i}"));
        }

        await line.SetFaultsAsync(new { failureRate = 0.3, statusCodes = new[] { 429, 500 }, seed = 42 });
        try
        {
            foreach (var userId in users)
            {
                await line.SendEventAsync(userId, "follow");
            }

            foreach (var userId in users)
            {
                var messages = await EventuallyMessagesAsync(userId, 1);
                await Task.Delay(100);
                Assert.Single(await line.MessagesAsync(userId));
                Assert.Contains("/m/register", (string?)messages[0]!["message"]!["text"], StringComparison.Ordinal);
            }
        }
        finally
        {
            await line.ClearFaultsAsync();
        }
    }

    private Task<MemberSummary?> EventuallyMemberAsync(string userId, Func<MemberSummary?, bool> done) =>
        LineSandbox.EventuallyAsync(() => Members.FindByLineUserIdAsync(userId), done);

    private Task<JsonArray> EventuallyMessagesAsync(string userId, int count) =>
        LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= count);

    private async Task<IReadOnlyList<string>> EventuallyTimelineAsync(Guid memberId, int count)
    {
        var page = await LineSandbox.EventuallyAsync(() => Members.GetTimelineAsync(memberId, new PageRequest()), t => t.TotalCount >= count);
        return page.Items.Select(e => e.Kind).ToList();
    }
}
