using Membership.Contracts.Broadcast;
using Membership.Testing;
using Membership.Testing.Line;

namespace Membership.Broadcast.Tests;

/// <summary>Testers flagged by member code get test sends rendered for themselves; a repeated click sends once; the campaign stays a draft.</summary>
public sealed class TesterTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : BroadcastTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    [Fact]
    public async Task A_test_send_reaches_each_reachable_tester_once_per_click_and_sends_nothing_else()
    {
        var friends = await FriendsAsync(3, "tester"); // 會員1..3; only the first two become testers
        await MemberAsync("T0009", null, name: "離線店員");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 0, Text("{{ name | default: \"親愛的會員\" }}，新品試喝"));

        var added = await Broadcast.AddTesterAsync("tester0001", "owner@test");
        var again = await Broadcast.AddTesterAsync("tester0001", "owner@test");
        var unknown = await Broadcast.AddTesterAsync("NOPE", "owner@test");
        await Broadcast.AddTesterAsync("tester0002", "owner@test");
        await Broadcast.AddTesterAsync("T0009", "owner@test");
        var key = Guid.NewGuid();
        var first = await Broadcast.TestSendAsync(campaign, key, "marketer@test");
        var doubleClick = await Broadcast.TestSendAsync(campaign, key, "marketer@test");
        var later = await Broadcast.TestSendAsync(campaign, Guid.NewGuid(), "marketer@test");

        Assert.Equal((AddTesterOutcome.Added, AddTesterOutcome.AlreadyTester, AddTesterOutcome.MemberNotFound), (added, again, unknown));
        Assert.Equal(3, (await Broadcast.ListTestersAsync()).Count);
        Assert.Equal(2, first.Sent);
        Assert.Contains(first.Errors, e => e.StartsWith("T0009", StringComparison.Ordinal));
        Assert.Equal(2, doubleClick.Sent);
        Assert.Equal(2, later.Sent);
        var byCode = new Dictionary<string, List<string?>>();
        foreach (var (_, userId) in friends)
        {
            byCode[userId] = (await Emulator.MessagesAsync(userId)).Select(m => (string?)m!["message"]!["text"]).ToList();
        }

        // Two clicks with different keys: two messages each, rendered for the tester; the double click added none.
        Assert.Equal(2, byCode.Values.Count(texts => texts.Count == 2 && texts.All(t => t!.StartsWith("會員", StringComparison.Ordinal) && t.EndsWith("，新品試喝", StringComparison.Ordinal))));
        Assert.Equal(1, byCode.Values.Count(texts => texts.Count == 0)); // the third friend is no tester
        Assert.Equal(CampaignStatus.Draft, (await Broadcast.GetCampaignAsync(campaign))!.Status);
        Assert.True(await Broadcast.RemoveTesterAsync((await Broadcast.ListTestersAsync())[0].MemberId, "owner@test"));
    }
}
