using Membership.Contracts.Broadcast;
using Membership.Testing;
using Membership.Testing.Line;

namespace Membership.Broadcast.Tests;

/// <summary>Recurring series: each occurrence freezes its own audience when due, "at most once" skips earlier recipients, the end date ends it.</summary>
public sealed class RecurringTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : BroadcastTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    // The test clock starts on Monday 2026-03-02, 12:00 in Taipei.
    private static readonly CampaignRecurrence MondaysAndThursdays = new([DayOfWeek.Monday, DayOfWeek.Thursday], new TimeOnly(10, 0), new DateOnly(2026, 3, 12), AtMostOnce: true);

    [Fact]
    public async Task Each_occurrence_is_made_once_when_due_and_a_member_receives_the_series_at_most_once()
    {
        var friends = await FriendsAsync(2, "weekly");
        var series = await CampaignAsync(new CampaignAudience(AllFriends: true));
        var scheduled = await Broadcast.ScheduleAsync(new ScheduleCampaignRequest(series, null, false, false, "marketer@test", MondaysAndThursdays));
        await DispatchAsync(Module);
        var before = await Broadcast.ListOccurrencesAsync(series);

        await AtTaipeiAsync(new DateTimeOffset(2026, 3, 5, 10, 1, 0, TimeSpan.FromHours(8)));
        await DispatchAsync(Module);
        friends.AddRange(await FriendsAsync(1, "late"));
        await AtTaipeiAsync(new DateTimeOffset(2026, 3, 9, 10, 1, 0, TimeSpan.FromHours(8)));
        var (a, b) = (NewInstance(), NewInstance());
        await Task.WhenAll(DispatchAsync(a), DispatchAsync(b)); // two instances make the occurrence once
        await AtTaipeiAsync(new DateTimeOffset(2026, 3, 12, 10, 1, 0, TimeSpan.FromHours(8)));
        await DispatchAsync(Module);

        Assert.Equal(ScheduleOutcome.Scheduled, scheduled.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8)), scheduled.StartsAt);
        Assert.Empty(before);
        var occurrences = (await Broadcast.ListOccurrencesAsync(series)).OrderBy(o => o.ScheduledAt).ToList();
        Assert.Equal(3, occurrences.Count);
        Assert.All(occurrences, o => Assert.Equal(CampaignStatus.Sent, o.Status));
        Assert.Equal([2, 1, 0], occurrences.Select(o => o.Counts.Sent));
        Assert.Equal([0, 2, 3], occurrences.Select(o => o.Counts.Skipped));
        var second = await Broadcast.ListRecipientsAsync(occurrences[1].Id, RecipientStatus.Skipped, new(1, 10));
        Assert.All(second.Items, r => Assert.Equal(SkipReasons.AlreadyReceived, r.Reason));
        foreach (var (_, userId) in friends)
        {
            Assert.Single(await Emulator.MessagesAsync(userId));
        }

        var ended = await Broadcast.GetCampaignAsync(series);
        Assert.Equal(CampaignStatus.Sent, ended!.Status); // the next Monday is after the end date
        Assert.Null(ended.NextOccurrenceAt);
    }

    [Fact]
    public async Task A_rule_without_days_is_refused_and_a_cancelled_series_makes_no_more_occurrences()
    {
        await FriendsAsync(1, "stop");
        var series = await CampaignAsync(new CampaignAudience(AllFriends: true));

        var noDays = await Broadcast.ScheduleAsync(new ScheduleCampaignRequest(series, null, false, false, "m", MondaysAndThursdays with { Days = [] }));
        await Broadcast.ScheduleAsync(new ScheduleCampaignRequest(series, null, false, false, "m", MondaysAndThursdays));
        var cancelled = await Broadcast.CancelAsync(series, "m");
        await AtTaipeiAsync(new DateTimeOffset(2026, 3, 5, 10, 1, 0, TimeSpan.FromHours(8)));
        await DispatchAsync(Module);

        Assert.Equal(ScheduleOutcome.Invalid, noDays.Outcome);
        Assert.True(cancelled);
        Assert.Empty(await Broadcast.ListOccurrencesAsync(series));
    }

    private Task AtTaipeiAsync(DateTimeOffset at)
    {
        Module.Clock.SetUtcNow(at.ToUniversalTime());
        return Task.CompletedTask;
    }
}
