using Npgsql;
using NpgsqlTypes;

namespace Membership.Benchmarks.Webhook;

/// <summary>
/// The inbox against what the app acknowledged: every event id answered 200 must be in <c>line_inbox_events</c>
/// exactly once, and the table must hold nothing else that was acknowledged.
/// </summary>
internal sealed record InboxCheck(long Acknowledged, long Rows, long Missing, long Duplicated, long StoredUnacknowledged)
{
    /// <summary>Rows equal the acknowledged events: none lost, none twice (an unacknowledged but stored event is reported, not a loss).</summary>
    public bool Passed => Missing == 0 && Duplicated == 0 && Rows - StoredUnacknowledged == Acknowledged;

    public override string ToString() =>
        $"{(Passed ? "PASS" : "FAIL")}: {Acknowledged:N0} events acknowledged with 200, {Rows:N0} rows in line_inbox_events, " +
        $"{Missing:N0} lost, {Duplicated:N0} duplicated, {StoredUnacknowledged:N0} stored without a 200";
}

internal sealed class InboxVerifier(string connectionString)
{
    private const string CheckSql = """
        SELECT (SELECT count(*) FROM line_inbox_events),
               (SELECT count(*) FROM bench_acknowledged a
                 WHERE NOT EXISTS (SELECT 1 FROM line_inbox_events e WHERE e.webhook_event_id = a.id)),
               (SELECT count(*) FROM (SELECT e.webhook_event_id FROM line_inbox_events e
                 JOIN bench_acknowledged a ON a.id = e.webhook_event_id
                 GROUP BY e.webhook_event_id HAVING count(*) > 1) d),
               (SELECT count(*) FROM line_inbox_events e JOIN bench_acknowledged a ON a.id = e.webhook_event_id)
        """;

    public async Task<long> CountRowsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM line_inbox_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <param name="acknowledged">Every event id the app answered 200 for since the database was created.</param>
    public async Task<InboxCheck> CheckAsync(IReadOnlyCollection<string> acknowledged)
    {
        await using var connection = await OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE bench_acknowledged (id text PRIMARY KEY)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var import = await connection.BeginBinaryImportAsync("COPY bench_acknowledged (id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var id in acknowledged)
            {
                await import.StartRowAsync();
                await import.WriteAsync(id, NpgsqlDbType.Text);
            }

            await import.CompleteAsync();
        }

        await using var check = new NpgsqlCommand(CheckSql, connection);
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (rows, missing, duplicated, matching) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        return new InboxCheck(acknowledged.Count, rows, missing, duplicated, rows - matching);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
