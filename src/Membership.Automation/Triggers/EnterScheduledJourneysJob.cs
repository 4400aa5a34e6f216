using Membership.Automation.Journeys;
using Membership.Contracts.Automation;
using Membership.Contracts.Members;
using Membership.Shared.Time;
using Npgsql;

namespace Membership.Automation.Triggers;

/// <summary>
/// Daily at 09:00 Asia/Taipei: birthday month (once a year), no purchase for N days (once per last purchase), points
/// expiring within N days (once per first expiry date). Set-based: each journey's members come from one query and enter
/// in chunks; a second run the same day enters nobody again (the entry keys are the same).
/// </summary>
internal sealed class EnterScheduledJourneysJob(JourneyStore journeys, JourneyEntry entry, IMembersModule members, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const string RecurringJobId = "automation:enter-scheduled-journeys";
    private const int Chunk = 5_000;

    private const string NoPurchaseSql = """
        SELECT member_id, max(occurred_at AT TIME ZONE 'Asia/Taipei')::date::text
        FROM points_v_purchases GROUP BY member_id
        HAVING max(occurred_at AT TIME ZONE 'Asia/Taipei')::date = @day
        """;

    private const string ExpiringSql = """
        SELECT member_id, min(expires_at AT TIME ZONE 'Asia/Taipei')::date::text
        FROM points_v_open_lots WHERE remaining > 0 AND expires_at > @now AND expires_at <= @until
        GROUP BY member_id
        """;

    /// <returns>How many members entered a journey.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = TaipeiTime.Today(clock);
        var entered = 0;
        foreach (var journey in await journeys.ActiveAsync(JourneyTriggerKind.BirthdayMonth, ct))
        {
            var ids = new List<Guid>();
            await foreach (var birthday in members.StreamBirthdaysAsync(today.Month, ct))
            {
                ids.Add(birthday.MemberId);
            }

            entered += await EnterAsync(journey, ids.Select(id => (id, $"birthday:{today.Year}")).ToList(), ct);
        }

        foreach (var journey in await journeys.ActiveAsync(JourneyTriggerKind.NoPurchaseFor, ct))
        {
            entered += await EnterAsync(journey, await QueryAsync(NoPurchaseSql, "no-purchase", ct, ("day", today.AddDays(-journey.Trigger.Days!.Value))), ct);
        }

        foreach (var journey in await journeys.ActiveAsync(JourneyTriggerKind.PointsExpiring, ct))
        {
            var now = clock.GetUtcNow();
            entered += await EnterAsync(journey, await QueryAsync(ExpiringSql, "expiring", ct, ("now", now), ("until", now.AddDays(journey.Trigger.Days!.Value))), ct);
        }

        return entered;
    }

    private async Task<int> EnterAsync(Journey journey, List<(Guid MemberId, string Key)> members, CancellationToken ct)
    {
        var entered = 0;
        foreach (var chunk in members.Chunk(Chunk))
        {
            entered += await entry.EnterManyAsync(journey.Id, chunk.Select(m => m.MemberId).ToArray(), chunk.Select(m => m.Key).ToArray(), ct);
        }

        return entered;
    }

    private async Task<List<(Guid, string)>> QueryAsync(string sql, string prefix, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetGuid(0), $"{prefix}:{reader.GetString(1)}"));
        }

        return rows;
    }
}
