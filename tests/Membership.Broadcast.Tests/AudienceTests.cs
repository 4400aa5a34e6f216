using Membership.Contracts.Broadcast;
using Membership.Contracts.Common;
using Membership.Testing;
using Membership.Testing.Line;
using Npgsql;

namespace Membership.Broadcast.Tests;

/// <summary>Who a campaign reaches: skipped members with their reason, the holdout, the frequency cap, exclusions.</summary>
public sealed class AudienceTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : BroadcastTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    [Fact]
    public async Task Only_reachable_friends_are_sent_to_and_the_others_are_listed_with_the_reason()
    {
        var friends = await FriendsAsync(3, "reach");
        var blocked = await MemberAsync("blocked0001", "U" + new string('b', 32), friendStatus: 2);
        var offline = await MemberAsync("offline0001", null);
        var optedOut = await MemberAsync("optout00001", "U" + new string('c', 32), optedOutAt: DateTimeOffset.UtcNow);
        foreach (var id in friends.Select(f => f.MemberId).Append(blocked).Append(offline).Append(optedOut))
        {
            await TagAsync(id, "週末");
        }

        var campaign = await CampaignAsync(new CampaignAudience(Tags: ["週末"]));
        var preview = await Broadcast.PreviewAsync(campaign);
        Assert.Equal(ScheduleOutcome.Scheduled, (await SendNowAsync(campaign)).Outcome);
        await DispatchAsync(Module);

        Assert.Equal(new CampaignPreview(6, 3, 0, 0, 3, 3, preview!.QuotaRemaining, true), preview);
        var recipients = (await Broadcast.ListRecipientsAsync(campaign, null, new PageRequest(1, 100))).Items.ToDictionary(r => r.MemberId);
        Assert.Equal((RecipientStatus.Skipped, SkipReasons.Blocked), (recipients[blocked].Status, recipients[blocked].Reason));
        Assert.Equal((RecipientStatus.Skipped, SkipReasons.NotFriend), (recipients[offline].Status, recipients[offline].Reason));
        Assert.Equal((RecipientStatus.Skipped, SkipReasons.OptedOut), (recipients[optedOut].Status, recipients[optedOut].Reason));
        Assert.All(friends, f => Assert.Equal(RecipientStatus.Sent, recipients[f.MemberId].Status));
        var sent = await Broadcast.GetCampaignAsync(campaign);
        Assert.Equal(CampaignStatus.Sent, sent!.Status);
        Assert.Equal(new CampaignCounts(6, 0, 3, 0, 3, 0, 1, 1), sent.Counts);
        foreach (var (_, userId) in friends)
        {
            Assert.Single(await Emulator.MessagesAsync(userId));
        }
    }

    [Fact]
    public async Task The_holdout_is_the_asked_share_of_the_eligible_members_and_is_never_messaged()
    {
        var friends = await FriendsAsync(40, "hold");

        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), holdout: 25);
        await SendNowAsync(campaign);
        await DispatchAsync(Module);

        var holdout = (await Broadcast.ListRecipientsAsync(campaign, RecipientStatus.Holdout, new PageRequest(1, 100))).Items;
        Assert.Equal(10, holdout.Count);
        Assert.All(holdout, h => Assert.Equal(SkipReasons.Holdout, h.Reason));
        foreach (var member in holdout)
        {
            Assert.Empty(await Emulator.MessagesAsync(member.LineUserId!));
        }

        var sent = (await Broadcast.ListRecipientsAsync(campaign, RecipientStatus.Sent, new PageRequest(1, 100))).Items;
        Assert.Equal(30, sent.Count);
        Assert.Empty(sent.Select(s => s.MemberId).Intersect(holdout.Select(h => h.MemberId)));
    }

    [Fact]
    public async Task Members_who_reached_the_frequency_cap_are_skipped_as_capped()
    {
        var friends = await FriendsAsync(2, "cap");
        await Broadcast.SaveSettingsAsync(new BroadcastSettings(1, 7, new TimeOnly(22, 0), new TimeOnly(9, 0)), "owner@test");
        var first = await CampaignAsync(new CampaignAudience(AllFriends: true));
        await SendNowAsync(first);
        await DispatchAsync(Module);
        var newcomer = await FriendsAsync(1, "capnew");

        var second = await CampaignAsync(new CampaignAudience(AllFriends: true));
        var preview = await Broadcast.PreviewAsync(second);
        await SendNowAsync(second);
        await DispatchAsync(Module);

        Assert.Equal((3, 2), (preview!.Reachable, preview.Capped));
        var recipients = (await Broadcast.ListRecipientsAsync(second, null, new PageRequest(1, 100))).Items.ToDictionary(r => r.MemberId);
        Assert.All(friends, f => Assert.Equal((RecipientStatus.Skipped, SkipReasons.Capped), (recipients[f.MemberId].Status, recipients[f.MemberId].Reason)));
        Assert.Equal(RecipientStatus.Sent, recipients[newcomer[0].MemberId].Status);
        Assert.Single(await Emulator.MessagesAsync(friends[0].LineUserId));
    }

    [Fact]
    public async Task Excluded_tags_leave_the_audience()
    {
        var friends = await FriendsAsync(3, "excl");
        await TagAsync(friends[0].MemberId, "已購買");

        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true, ExcludeTags: ["已購買"]));
        var preview = await Broadcast.PreviewAsync(campaign);

        Assert.Equal((2, 2), (preview!.Audience, preview.Recipients));
    }

    [Fact]
    public async Task Invalid_campaigns_are_refused_with_the_path_of_each_error_and_nothing_is_saved()
    {
        var result = await Broadcast.CreateCampaignAsync(new CreateCampaignRequest(
            "", new CampaignAudience(Tags: ["a"], AllFriends: true),
            [Text(""), Text("{{ name | default: }"), System.Text.Json.JsonSerializer.SerializeToElement(new { type = "image", originalContentUrl = "http://x", previewImageUrl = "https://x/p.jpg" })],
            80, 7, "marketer@test"));

        Assert.False(result.Succeeded);
        var paths = result.Errors.Select(e => e.Path).ToHashSet();
        string[] expected = ["name", "holdoutPercent", "audience", "messages[0].text", "messages[1].text", "messages[2].originalContentUrl"];
        Assert.True(expected.All(paths.Contains), string.Join(", ", paths));
        Assert.Equal(0, await Database.CountAsync("SELECT count(*) FROM broadcast_campaigns"));
    }
}
