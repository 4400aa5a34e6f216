using Membership.Line.Persistence;
using Membership.Line.Webhook;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Membership.Line.Inbox;

/// <summary>Stores a webhook's events in one INSERT; an event id seen before is skipped (redelivery, or LINE's own duplicates).</summary>
internal sealed class InboxWriter(IDbContextFactory<LineDbContext> dbFactory, InboxSignal signal, TimeProvider clock)
{
    private const string InsertSql = """
        INSERT INTO line_inbox_events
            (id, webhook_event_id, event_type, line_user_id, occurred_at, is_redelivery, payload,
             received_at, status, attempts, next_attempt_at)
        SELECT e.id, e.webhook_event_id, e.event_type, e.line_user_id, e.occurred_at, e.is_redelivery, e.payload::jsonb,
               @received, 0, 0, @received
        FROM unnest(@ids, @event_ids, @types, @users, @occurred, @redelivered, @payloads)
             AS e(id, webhook_event_id, event_type, line_user_id, occurred_at, is_redelivery, payload)
        ON CONFLICT (webhook_event_id) DO NOTHING
        """;

    /// <returns>How many events were new.</returns>
    public async Task<int> WriteAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inserted = await db.Database.ExecuteSqlRawAsync(InsertSql,
        [
            new NpgsqlParameter("received", clock.GetUtcNow()),
            Array("ids", NpgsqlDbType.Uuid, events.Select(_ => Guid.CreateVersion7()).ToArray()),
            Array("event_ids", NpgsqlDbType.Text, events.Select(e => e.WebhookEventId).ToArray()),
            Array("types", NpgsqlDbType.Text, events.Select(e => e.Type).ToArray()),
            Array("users", NpgsqlDbType.Text, events.Select(e => e.LineUserId).ToArray()),
            Array("occurred", NpgsqlDbType.TimestampTz, events.Select(e => e.OccurredAt).ToArray()),
            Array("redelivered", NpgsqlDbType.Boolean, events.Select(e => e.IsRedelivery).ToArray()),
            Array("payloads", NpgsqlDbType.Text, events.Select(e => e.Json).ToArray()),
        ], ct);
        if (inserted > 0)
        {
            signal.Notify();
        }

        return inserted;
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, T[] values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values };
}
