using System.Text.Json;
using Membership.Contracts.Points;
using Membership.Shared.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace Membership.Points.SalesImport;

/// <summary>A checked row ready to write: its ids, the points it earns, and its <see cref="PurchaseRecorded"/> event.</summary>
internal sealed record SalesImportRow(
    SalesCsvRow Row, Guid MemberId, Guid PurchaseId, Guid EntryId, Guid LotId, Guid OutboxId, int Points, DateTimeOffset ExpiresAt, string LinesJson, string EventJson);

/// <summary>
/// The set-based writes of one import, inside the caller's transaction: binary COPY into a temporary table, then one
/// statement each for purchases (duplicates skipped), accounts, ledger entries, lots and the outbox.
/// </summary>
internal static class SalesImportBatch
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string EventType { get; } = OutboxMessages.Serialize(new PurchaseRecorded(
        Guid.Empty, Guid.Empty, "", "", 0, default, PurchaseChannels.Import, [], 0, true)).Type;

    public static SalesImportRow Prepare(SalesCsvRow row, Guid memberId, int points, DateTimeOffset expiresAt)
    {
        var purchaseId = Guid.CreateVersion7();
        var recorded = new PurchaseRecorded(purchaseId, memberId, row.StoreCode, row.ReceiptNumber, row.Total, row.OccurredAt,
            PurchaseChannels.Import, row.Lines, points, Imported: true);
        return new SalesImportRow(row, memberId, purchaseId, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), points, expiresAt,
            JsonSerializer.Serialize(row.Lines, Json), OutboxMessages.Serialize(recorded).Payload);
    }

    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<SalesImportRow> rows, Action<int> progress, CancellationToken ct)
    {
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE points_sales_import (
                line integer NOT NULL, id uuid NOT NULL, member_id uuid NOT NULL, store_code varchar(50) NOT NULL,
                receipt_number varchar(100) NOT NULL, total numeric(12,2) NOT NULL, occurred_at timestamptz NOT NULL, lines jsonb NOT NULL,
                points integer NOT NULL, expires_at timestamptz NOT NULL, entry_id uuid NOT NULL, lot_id uuid NOT NULL,
                outbox_id uuid NOT NULL, payload jsonb NOT NULL
            ) ON COMMIT DROP
            """, ct);
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY points_sales_import (line, id, member_id, store_code, receipt_number, total, occurred_at, lines, points, expires_at, entry_id, lot_id, outbox_id, payload)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(r.Row.Line, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(r.PurchaseId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(r.MemberId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(r.Row.StoreCode, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(r.Row.ReceiptNumber, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(r.Row.Total, NpgsqlDbType.Numeric, ct);
                await writer.WriteAsync(r.Row.OccurredAt, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(r.LinesJson, NpgsqlDbType.Jsonb, ct);
                await writer.WriteAsync(r.Points, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(r.ExpiresAt, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(r.EntryId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(r.LotId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(r.OutboxId, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(r.EventJson, NpgsqlDbType.Jsonb, ct);
                if (i % 5000 == 0)
                {
                    progress(i);
                }
            }

            await writer.CompleteAsync(ct);
        }

        await ExecuteAsync(connection, "ANALYZE points_sales_import", ct);
    }

    /// <summary>Inserts the purchases; a receipt already recorded for its store is skipped and its row dropped from the batch.</summary>
    /// <returns>The lines of the skipped rows, in order.</returns>
    public static async Task<List<int>> InsertPurchasesAsync(NpgsqlConnection connection, DateTimeOffset now, string? recordedBy, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            WITH inserted AS (
                INSERT INTO points_purchases (id, member_id, store_code, receipt_number, total, refunded_amount, occurred_at, channel,
                                              points_earned, points_reversed, imported, lines, recorded_by, created_at)
                SELECT id, member_id, store_code, receipt_number, total, 0, occurred_at, @channel, points, 0, true, lines, @by, @now
                FROM points_sales_import ORDER BY line
                ON CONFLICT (store_code, receipt_number) DO NOTHING
                RETURNING id)
            DELETE FROM points_sales_import i WHERE NOT EXISTS (SELECT 1 FROM inserted WHERE inserted.id = i.id)
            RETURNING i.line
            """, connection);
        command.Parameters.AddWithValue("channel", PurchaseChannels.Import);
        command.Parameters.Add(new NpgsqlParameter("by", NpgsqlDbType.Varchar) { Value = (object?)recordedBy ?? DBNull.Value });
        command.Parameters.AddWithValue("now", now);
        var skipped = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            skipped.Add(reader.GetInt32(0));
        }

        skipped.Sort();
        return skipped;
    }

    /// <summary>
    /// Earn entries and lots for the rows that earn points, the accounts locked (in member order) and raised once per
    /// member; each entry's balance-after runs in purchase order.
    /// </summary>
    /// <returns>The points earned.</returns>
    public static async Task<long> EarnAsync(NpgsqlConnection connection, DateTimeOffset now, string? recordedBy, CancellationToken ct)
    {
        await using (var command = new NpgsqlCommand("""
            INSERT INTO points_accounts (member_id, balance, lifetime_earned, updated_at)
            SELECT DISTINCT member_id, 0, 0, @now FROM points_sales_import WHERE points > 0
            ON CONFLICT (member_id) DO NOTHING;

            SELECT 1 FROM points_accounts WHERE member_id IN (SELECT member_id FROM points_sales_import WHERE points > 0)
            ORDER BY member_id FOR UPDATE;

            INSERT INTO points_ledger_entries (id, member_id, kind, points, balance_after, occurred_at, expires_at, reason, recorded_by, purchase_id, channel)
            SELECT i.entry_id, i.member_id, @earn, i.points,
                   a.balance + (sum(i.points) OVER (PARTITION BY i.member_id ORDER BY i.occurred_at, i.line))::int,
                   @now, i.expires_at, left('Purchase ' || i.receipt_number || ' at ' || i.store_code || ' (import)', 500), @by, i.id, @channel
            FROM points_sales_import i JOIN points_accounts a ON a.member_id = i.member_id
            WHERE i.points > 0;

            INSERT INTO points_lots (id, member_id, entry_id, purchase_id, points, remaining, expires_at, created_at)
            SELECT lot_id, member_id, entry_id, id, points, points, expires_at, @now FROM points_sales_import WHERE points > 0;

            UPDATE points_accounts a SET balance = a.balance + s.points, lifetime_earned = a.lifetime_earned + s.points, updated_at = @now
            FROM (SELECT member_id, sum(points)::int AS points FROM points_sales_import WHERE points > 0 GROUP BY member_id) s
            WHERE a.member_id = s.member_id;
            """, connection))
        {
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("earn", (int)LedgerEntryKind.Earn);
            command.Parameters.AddWithValue("channel", PurchaseChannels.Import);
            command.Parameters.Add(new NpgsqlParameter("by", NpgsqlDbType.Varchar) { Value = (object?)recordedBy ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(ct);
        }

        await using var sum = new NpgsqlCommand("SELECT coalesce(sum(points), 0)::bigint FROM points_sales_import", connection);
        return (long)(await sum.ExecuteScalarAsync(ct))!;
    }

    /// <summary><see cref="PurchaseRecorded"/> for every imported purchase, delivered by the module's outbox (tiers count them).</summary>
    public static async Task<int> AddEventsAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO points_outbox_messages (id, type, payload, occurred_at, attempts)
            SELECT outbox_id, @type, payload, @now, 0 FROM points_sales_import ORDER BY line
            """, connection);
        command.Parameters.AddWithValue("type", EventType);
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
