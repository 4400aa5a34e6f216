using Membership.Line.Webhook;
using Npgsql;
using NpgsqlTypes;

namespace Membership.Line.Inbox;

/// <summary>
/// Stores a webhook's events in one INSERT; an event id seen before is skipped (redelivery, or LINE's own
/// duplicates). This is the webhook's hot path, so it is a plain, auto-prepared Npgsql command rather than EF Core.
/// </summary>
internal sealed class InboxWriter(NpgsqlDataSource dataSource, InboxSignal signal, TimeProvider clock)
{
    private const string InsertSql = """
        INSERT INTO line_inbox_events
            (id, webhook_event_id, event_type, line_user_id, occurred_at, is_redelivery, payload,
             received_at, status, attempts, next_attempt_at)
        SELECT e.id, e.webhook_event_id, e.event_type, e.line_user_id, e.occurred_at, e.is_redelivery, e.payload::jsonb,
               $1, 0, 0, $1
        FROM unnest($2, $3, $4, $5, $6, $7, $8)
             AS e(id, webhook_event_id, event_type, line_user_id, occurred_at, is_redelivery, payload)
        ON CONFLICT (webhook_event_id) DO NOTHING
        """;

    /// <returns>How many events were new.</returns>
    public async Task<int> WriteAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        Add(command, NpgsqlDbType.Uuid, events.Select(_ => Guid.CreateVersion7()).ToArray());
        Add(command, NpgsqlDbType.Text, events.Select(e => e.WebhookEventId).ToArray());
        Add(command, NpgsqlDbType.Text, events.Select(e => e.Type).ToArray());
        Add(command, NpgsqlDbType.Text, events.Select(e => e.LineUserId).ToArray());
        Add(command, NpgsqlDbType.TimestampTz, events.Select(e => e.OccurredAt).ToArray());
        Add(command, NpgsqlDbType.Boolean, events.Select(e => e.IsRedelivery).ToArray());
        Add(command, NpgsqlDbType.Text, events.Select(e => e.Json).ToArray());
        var inserted = await command.ExecuteNonQueryAsync(ct);
        if (inserted > 0)
        {
            signal.Notify();
        }

        return inserted;
    }

    private static void Add<T>(NpgsqlCommand command, NpgsqlDbType type, T[] values) =>
        command.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type });
}
