using Membership.Contracts.Broadcast;
using Membership.Testing;
using Membership.Testing.Line;

namespace Membership.Broadcast.Tests;

/// <summary>Quiet hours, cancelling, pausing and resuming, and the start time of a scheduled campaign.</summary>
public sealed class SchedulingTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : BroadcastTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    // The test clock reads Taipei 12:00.
    private static readonly BroadcastSettings LunchIsQuiet = new(0, 7, new TimeOnly(11, 30), new TimeOnly(13, 0));

    [Fact]
    public async Task A_send_inside_quiet_hours_is_refused_with_the_next_allowed_start_unless_overridden()
    {
        await FriendsAsync(1, "quiet");
        await Broadcast.SaveSettingsAsync(LunchIsQuiet, "owner@test");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true));

        var refused = await SendNowAsync(campaign);
        var overridden = await SendNowAsync(campaign, ignoreQuietHours: true);
        await DispatchAsync(Module);

        Assert.Equal(ScheduleOutcome.InsideQuietHours, refused.Outcome);
        Assert.Contains("13:00", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ScheduleOutcome.Scheduled, overridden.Outcome);
        Assert.Equal(CampaignStatus.Sent, (await Broadcast.GetCampaignAsync(campaign))!.Status);
    }

    [Fact]
    public async Task A_campaign_due_inside_quiet_hours_waits_for_their_end_and_sends_nothing_before()
    {
        var friends = await FriendsAsync(1, "wait");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true));
        await SendNowAsync(campaign);
        await Broadcast.SaveSettingsAsync(LunchIsQuiet, "owner@test"); // quiet hours set after it was scheduled

        await DispatchAsync(Module);

        var waiting = await Broadcast.GetCampaignAsync(campaign);
        Assert.Equal(CampaignStatus.Scheduled, waiting!.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 5, 0, 0, TimeSpan.Zero), waiting.ScheduledAt); // 13:00 Taipei
        Assert.Empty(await Emulator.MessagesAsync(friends[0].LineUserId));
    }

    [Fact]
    public async Task Cancel_works_before_the_start_only_and_a_cancelled_campaign_is_never_sent()
    {
        var friends = await FriendsAsync(1, "cancel");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true));
        await Broadcast.ScheduleAsync(new ScheduleCampaignRequest(campaign, Module.Clock.GetUtcNow().AddHours(2), false, false, "marketer@test"));

        Assert.True(await Broadcast.CancelAsync(campaign, "marketer@test"));
        Assert.False(await Broadcast.CancelAsync(campaign, "marketer@test"));
        Module.Clock.Advance(TimeSpan.FromHours(3));
        await DispatchAsync(Module);

        Assert.Equal(CampaignStatus.Cancelled, (await Broadcast.GetCampaignAsync(campaign))!.Status);
        Assert.Empty(await Emulator.MessagesAsync(friends[0].LineUserId));
    }

    [Fact]
    public async Task A_paused_campaign_sends_nothing_more_until_resumed()
    {
        var friends = await FriendsAsync(6, "pause");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 0, Text("{{ name }}"));
        await SendNowAsync(campaign);
        var instance = NewInstance(new Dictionary<string, string?> { ["Broadcast:ChunkSize"] = "1", ["Broadcast:PushPerSecond"] = "1" });
        var sending = DispatchAsync(instance);
        Assert.True(await WaitUntilAsync(async () => (await Broadcast.GetCampaignAsync(campaign))!.Counts.Sent >= 1));
        Assert.True(await Broadcast.PauseAsync(campaign, "marketer@test"));
        await sending;
        var paused = await Broadcast.GetCampaignAsync(campaign);

        Assert.Equal(CampaignStatus.Paused, paused!.Status);
        // One push a second, and a chunk's outcome is written while the next is sent: paused with at most two more in flight.
        Assert.InRange(paused.Counts.Sent, 1, 3);
        Assert.True(await Broadcast.ResumeAsync(campaign, "marketer@test"));
        await DispatchAsync(Module);
        Assert.Equal((CampaignStatus.Sent, 6), ((await Broadcast.GetCampaignAsync(campaign))!.Status, (await Broadcast.GetCampaignAsync(campaign))!.Counts.Sent));
        foreach (var (_, userId) in friends)
        {
            Assert.Single(await Emulator.MessagesAsync(userId));
        }
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
