using Membership.Contracts.Segmentation;
using Membership.Segmentation.Persistence;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Segmentation.Dashboards;

/// <summary>The segmentation dashboard's figures, each one aggregate query over the scores and the published views.</summary>
internal sealed class DashboardQueries(IDbContextFactory<SegmentationDbContext> contexts, NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const int GrowthWeeks = 12;

    private const int NesDays = 90;

    /// <summary>Taipei weeks (Monday first) ending with the one holding <c>@today</c>; an instant counts in its Taipei week.</summary>
    private const string Growth = """
        WITH weeks AS (
            SELECT generate_series(date_trunc('week', @today::timestamp) - make_interval(weeks => @weeks - 1),
                                   date_trunc('week', @today::timestamp), interval '7 days')::date AS week),
        bounds AS (SELECT min(week) AS first_week FROM weeks),
        profiles AS (
            SELECT p.* FROM members_v_segment_profiles p, bounds b
            WHERE p.friend_since >= (b.first_week::timestamp AT TIME ZONE 'Asia/Taipei')
               OR p.registered_at >= (b.first_week::timestamp AT TIME ZONE 'Asia/Taipei')
               OR p.friend_status_changed_at >= (b.first_week::timestamp AT TIME ZONE 'Asia/Taipei')),
        events AS (
            SELECT date_trunc('week', friend_since AT TIME ZONE 'Asia/Taipei')::date AS week, 1 AS friends, 0 AS registrations, 0 AS blocks
            FROM profiles WHERE friend_since IS NOT NULL
            UNION ALL
            SELECT date_trunc('week', registered_at AT TIME ZONE 'Asia/Taipei')::date, 0, 1, 0 FROM profiles WHERE registered_at IS NOT NULL
            UNION ALL
            SELECT date_trunc('week', friend_status_changed_at AT TIME ZONE 'Asia/Taipei')::date, 0, 0, 1
            FROM profiles WHERE friend_status = 2 AND friend_status_changed_at IS NOT NULL)
        SELECT w.week, coalesce(sum(e.friends), 0)::int, coalesce(sum(e.registrations), 0)::int, coalesce(sum(e.blocks), 0)::int
        FROM weeks w LEFT JOIN events e ON e.week = w.week GROUP BY w.week ORDER BY w.week
        """;

    private const string Grid = """
        SELECT r_score, f_score, count(*)::int, coalesce(avg(monetary), 0)
        FROM segmentation_member_scores s
        WHERE r_score IS NOT NULL AND EXISTS (SELECT 1 FROM members_v_segment_profiles p WHERE p.member_id = s.member_id)
        GROUP BY r_score, f_score
        """;

    private const string Types = """
        SELECT rfm_type, count(*)::int, coalesce(sum(monetary), 0)
        FROM segmentation_member_scores s
        WHERE rfm_type IS NOT NULL AND EXISTS (SELECT 1 FROM members_v_segment_profiles p WHERE p.member_id = s.member_id)
        GROUP BY rfm_type
        """;

    public async Task<SegmentationDashboard> GetAsync(CancellationToken ct)
    {
        var today = TaipeiTime.Today(clock);
        var growth = await ReadAsync(Growth, r => new WeeklyGrowth(DateOnly.FromDateTime(r.GetDateTime(0)), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)), ct,
            new NpgsqlParameter("weeks", GrowthWeeks), new NpgsqlParameter("today", NpgsqlTypes.NpgsqlDbType.Date) { Value = today });
        var grid = await ReadAsync(Grid, r => new RfmGridCell(r.GetInt16(0), r.GetInt16(1), r.GetInt32(2), Math.Round(r.GetDecimal(3), 0)), ct);
        var typeRows = await ReadAsync(Types, r => (Code: r.GetString(0), Members: r.GetInt32(1), Revenue: r.GetDecimal(2)), ct);
        var revenue = typeRows.Sum(t => t.Revenue);
        var types = ScoreCodes.RfmTypes.Select(t =>
        {
            var row = typeRows.FirstOrDefault(r => r.Code == t.Code);
            return new RfmTypeShare(t.Code, t.Zh, row.Members, row.Revenue, revenue == 0 ? 0 : Math.Round(row.Revenue / revenue, 4));
        }).ToList();

        await using var db = await contexts.CreateDbContextAsync(ct);
        var since = today.AddDays(-NesDays);
        var snapshots = await db.NesSnapshots.AsNoTracking().Where(s => s.AsOfDate > since).ToListAsync(ct);
        var nes = snapshots.GroupBy(s => s.AsOfDate).OrderBy(g => g.Key)
            .Select(g => new NesDay(g.Key, g.ToDictionary(s => s.NesState, s => s.Members))).ToList();
        var lastRun = await db.Runs.AsNoTracking().Where(r => r.Status == (int)ScoringRunStatus.Succeeded)
            .OrderByDescending(r => r.FinishedAt).FirstOrDefaultAsync(ct);
        // The last run's day: a second run the same day records no transition again, so its own rows may be none.
        var transitions = lastRun is null ? [] : await db.Transitions.AsNoTracking().Where(t => t.AsOfDate == lastRun.AsOfDate)
            .GroupBy(t => new { t.Kind, t.FromValue, t.ToValue })
            .Select(g => new TransitionCount((TransitionKind)g.Key.Kind, g.Key.FromValue, g.Key.ToValue, g.Count()))
            .ToListAsync(ct);
        var run = lastRun is null ? null : new ScoringRun(lastRun.Id, (ScoringRunStatus)lastRun.Status, lastRun.AsOfDate, lastRun.CycleDays,
            lastRun.MembersScored, lastRun.Transitions, lastRun.RequestedAt, lastRun.RequestedBy, lastRun.StartedAt, lastRun.FinishedAt, lastRun.Error);
        return new SegmentationDashboard(growth, grid, types, nes, transitions.OrderByDescending(t => t.Members).ToList(), run);
    }

    private async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
