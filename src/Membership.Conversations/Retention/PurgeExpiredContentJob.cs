using Npgsql;

namespace Membership.Conversations.Retention;

/// <summary>
/// Nightly: the text, content and media of messages older than the Owner's retention period go, in batches (each its own
/// transaction, so the inbox never waits on one long lock). Who sent what kind of message when stays, for the thread's
/// shape and the figures. A second run finds nothing to do.
/// </summary>
internal sealed class PurgeExpiredContentJob(RetentionSettings settings, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const string RecurringJobId = "conversations:purge-expired-content";
    private const int Batch = 5_000;

    private const string PurgeSql = """
        WITH old AS (
            SELECT id FROM conversations_messages
            WHERE NOT content_removed AND at < @before
            ORDER BY at LIMIT @batch FOR UPDATE SKIP LOCKED),
        media AS (
            UPDATE conversations_media SET bytes = NULL, status = 3, error = NULL
            WHERE message_id IN (SELECT id FROM old) AND (bytes IS NOT NULL OR status <> 3))
        UPDATE conversations_messages m SET text = NULL, content_json = jsonb_build_object('type', m.type), content_removed = true
        FROM old WHERE m.id = old.id
        """;

    private const string PreviewsSql = "UPDATE conversations_conversations SET last_preview = NULL WHERE last_message_at < @before AND last_preview IS NOT NULL";

    /// <returns>How many messages lost their content.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (await settings.GetDaysAsync(ct) is not { } days)
        {
            return 0;
        }

        var before = clock.GetUtcNow() - TimeSpan.FromDays(days);
        var purged = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(PurgeSql);
            command.Parameters.AddWithValue("before", before);
            command.Parameters.AddWithValue("batch", Batch);
            var changed = await command.ExecuteNonQueryAsync(ct);
            purged += changed;
            if (changed < Batch)
            {
                break;
            }
        }

        await using var previews = dataSource.CreateCommand(PreviewsSql);
        previews.Parameters.AddWithValue("before", before);
        await previews.ExecuteNonQueryAsync(ct);
        return purged;
    }
}
