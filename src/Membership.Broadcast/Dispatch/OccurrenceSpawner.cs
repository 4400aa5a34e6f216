using System.Globalization;
using System.Text.Json;
using Membership.Broadcast.Campaigns;
using Membership.Contracts.Broadcast;
using Membership.Shared.Time;
using Npgsql;
using NpgsqlTypes;

namespace Membership.Broadcast.Dispatch;

/// <summary>
/// Makes the due occurrences of recurring series: each a scheduled campaign of its own (a copy of the series with its
/// own audience freeze, holdout and results), and moves the series to its next time, or ends it after its last date.
/// The series row is locked (<c>FOR UPDATE SKIP LOCKED</c>) and an occurrence is unique per series and time, so
/// several instances make each occurrence once.
/// </summary>
internal sealed class OccurrenceSpawner(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Due = """
        SELECT id, recurrence_json::text, next_occurrence_at FROM broadcast_campaigns
        WHERE status = 7 AND next_occurrence_at <= @now
        ORDER BY next_occurrence_at LIMIT 20 FOR UPDATE SKIP LOCKED
        """;

    private const string Spawn = """
        INSERT INTO broadcast_campaigns (id, name, status, audience_json, messages_json, personalised, links, coupon_definition_id,
            holdout_percent, attribution_days, scheduled_at, ignore_quiet_hours, aggregation_unit, created_at, created_by, updated_at, series_id)
        SELECT @child, left(name || ' · ' || @label, 100), 1, audience_json, messages_json, personalised, links, coupon_definition_id,
            holdout_percent, attribution_days, @at, ignore_quiet_hours, @unit, @now, created_by, @now, id
        FROM broadcast_campaigns WHERE id = @series
        ON CONFLICT (series_id, scheduled_at) DO NOTHING
        """;

    private const string Advance = """
        UPDATE broadcast_campaigns
        SET next_occurrence_at = @next, scheduled_at = coalesce(@next, scheduled_at), updated_at = @now,
            status = CASE WHEN @next IS NULL THEN 4 ELSE 7 END, finished_at = CASE WHEN @next IS NULL THEN @now END
        WHERE id = @series
        """;

    /// <returns>How many occurrences were made.</returns>
    public async Task<int> SpawnDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var due = new List<(Guid Id, CampaignRecurrence Rule, DateTimeOffset At)>();
        await using (var select = new NpgsqlCommand(Due, connection, tx))
        {
            select.Parameters.AddWithValue("now", now);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                due.Add((reader.GetGuid(0), JsonSerializer.Deserialize<CampaignRecurrence>(reader.GetString(1), CampaignMessages.Json)!,
                    reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        var made = 0;
        foreach (var (series, rule, at) in due)
        {
            var child = Guid.CreateVersion7(now);
            await using (var spawn = new NpgsqlCommand(Spawn, connection, tx))
            {
                spawn.Parameters.AddWithValue("child", child);
                spawn.Parameters.AddWithValue("series", series);
                spawn.Parameters.AddWithValue("at", at);
                spawn.Parameters.AddWithValue("now", now);
                spawn.Parameters.AddWithValue("unit", $"c{child:N}"[..30]);
                spawn.Parameters.AddWithValue("label", TaipeiTime.ToTaipei(at).ToString("MM/dd HH:mm", CultureInfo.InvariantCulture));
                made += await spawn.ExecuteNonQueryAsync(ct);
            }

            await using var advance = new NpgsqlCommand(Advance, connection, tx);
            advance.Parameters.AddWithValue("series", series);
            advance.Parameters.AddWithValue("now", now);
            // An occurrence missed while no instance ran is made once, late; the series then moves past now.
            advance.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.TimestampTz) { Value = (object?)Recurrence.Next(rule, at > now ? at : now) ?? DBNull.Value });
            await advance.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return made;
    }
}
