using Membership.Contracts.Segmentation;
using Membership.Testing;
using Npgsql;

namespace Membership.Segmentation.Tests.Dashboards;

public sealed class DashboardQueriesTests(PostgresDatabaseFixture database) : SegmentationTestBase(database)
{
    // The clock is Taipei noon on Monday 2026-03-02: the current week starts that day.
    private static readonly DateOnly ThisWeek = new(2026, 3, 2);

    [Fact]
    public async Task Growth_counts_friends_registrations_and_blocks_in_Taipei_weeks_for_twelve_weeks()
    {
        // 16:30 UTC on Sunday 1 March is 00:30 on Monday 2 March in Taipei: this week, not last.
        var justAfterMidnight = await MemberAsync("G1", registeredAt: new DateTimeOffset(2026, 3, 1, 16, 30, 0, TimeSpan.Zero));
        await SetAsync(justAfterMidnight, "friend_since", new DateTimeOffset(2026, 2, 24, 2, 0, 0, TimeSpan.Zero));
        var blocked = await MemberAsync("G2", friendStatus: 2, registeredAt: new DateTimeOffset(2026, 2, 24, 2, 0, 0, TimeSpan.Zero));
        await SetAsync(blocked, "friend_status_changed_at", new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        // A friend who came back (status friend) is no block, whenever the status changed.
        var returned = await MemberAsync("G3", friendStatus: 1);
        await SetAsync(returned, "friend_status_changed_at", new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        await MemberAsync("OLD", registeredAt: new DateTimeOffset(2025, 1, 1, 2, 0, 0, TimeSpan.Zero));

        var growth = (await Segmentation.GetDashboardAsync()).Growth;

        Assert.Equal(12, growth.Count);
        Assert.Equal(ThisWeek.AddDays(-77), growth[0].WeekStart);
        Assert.All(growth, w => Assert.Equal(DayOfWeek.Monday, w.WeekStart.DayOfWeek));
        Assert.Equal(new WeeklyGrowth(ThisWeek, 0, 1, 1), growth[^1]);
        Assert.Equal(new WeeklyGrowth(ThisWeek.AddDays(-7), 1, 1, 0), growth[^2]);
        Assert.Equal(2, growth.Sum(w => w.Registrations));
    }

    [Fact]
    public async Task The_grid_and_the_types_add_up_to_the_scored_members_and_their_spend()
    {
        var members = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            var id = await MemberAsync($"D{i}");
            members.Add(id);
            for (var p = 0; p < i; p++)
            {
                await PurchaseAsync(id, daysAgo: 6 - i + p * 40, total: 100 * i);
            }
        }

        await MemberAsync("NEVER");
        await ScoreAsync();

        var dashboard = await Segmentation.GetDashboardAsync();

        // n = 5 with distinct values: member i gets score i in R, F and M.
        Assert.Equal(
            Enumerable.Range(1, 5).Select(i => new RfmGridCell(i, i, 1, 100m * i * i)).ToList(),
            dashboard.RfmGrid.OrderBy(c => c.RScore).ToList());
        Assert.Equal(ScoreCodes.RfmTypes.Select(t => t.Code), dashboard.Types.Select(t => t.Code));
        Assert.Equal(5, dashboard.Types.Sum(t => t.Members));
        var total = Enumerable.Range(1, 5).Sum(i => 100m * i * i);
        Assert.Equal(total, dashboard.Types.Sum(t => t.Revenue));
        // Scores 3-5 in all three are important-value: members 3, 4, 5 spent 900 + 1600 + 2500 of 5500.
        var value = dashboard.Types.Single(t => t.Code == "important-value");
        Assert.Equal((3, 5000m, "重要價值"), (value.Members, value.Revenue, value.Name));
        Assert.Equal(Math.Round(5000m / total, 4), value.RevenueShare);
        Assert.Equal(2, dashboard.Types.Single(t => t.Code == "general-retain").Members);
    }

    [Fact]
    public async Task Erased_members_leave_the_grid_and_the_types()
    {
        var kept = await MemberAsync("K1");
        await PurchaseAsync(kept, daysAgo: 3, total: 100);
        var erased = await MemberAsync("K2");
        await PurchaseAsync(erased, daysAgo: 3, total: 900);
        await ScoreAsync();
        await ExecuteAsync("UPDATE members_members SET erased_at = now() WHERE id = @id", new NpgsqlParameter("id", erased));

        var dashboard = await Segmentation.GetDashboardAsync();

        Assert.Equal(1, Assert.Single(dashboard.RfmGrid).Members);
        Assert.Equal(100m, dashboard.Types.Sum(t => t.Revenue));
    }

    [Fact]
    public async Task NES_history_keeps_ninety_days_of_runs_and_transitions_come_from_the_last_run_day()
    {
        await Segmentation.SaveSettingsAsync(new ScoringSettings(CycleDaysOverride: 30), "test");
        var dozing = await MemberAsync("N1");
        await PurchaseAsync(dozing, daysAgo: 100, total: 100);
        await PurchaseAsync(dozing, daysAgo: 20, total: 100);
        await MemberAsync("N2");
        await ExecuteAsync("INSERT INTO segmentation_nes_snapshots (as_of_date, nes_state, members) VALUES ('2025-12-01', 'E0', 7)");
        await ScoreAsync();
        Module.Clock.Advance(TimeSpan.FromDays(15));
        await ScoreAsync();
        Module.Clock.Advance(TimeSpan.FromMinutes(5));
        await ScoreAsync(); // the same day again: no transition of its own

        var dashboard = await Segmentation.GetDashboardAsync();

        Assert.Equal([AsOf, AsOf.AddDays(15)], dashboard.NesHistory.Select(d => d.AsOfDate));
        Assert.Equal(new Dictionary<string, int> { ["E0"] = 1, ["none"] = 1 }, dashboard.NesHistory[0].Counts);
        Assert.Equal(new Dictionary<string, int> { ["S1"] = 1, ["none"] = 1 }, dashboard.NesHistory[1].Counts);
        Assert.Contains(new TransitionCount(TransitionKind.Nes, "E0", "S1", 1), dashboard.LastRunTransitions);
        Assert.Equal(AsOf.AddDays(15), dashboard.LastRun!.AsOfDate);
        Assert.Equal(0, dashboard.LastRun.Transitions);
    }

    private Task SetAsync(Guid memberId, string column, DateTimeOffset value) =>
        ExecuteAsync($"UPDATE members_members SET {column} = @value WHERE id = @id", new NpgsqlParameter("value", value), new NpgsqlParameter("id", memberId));
}
