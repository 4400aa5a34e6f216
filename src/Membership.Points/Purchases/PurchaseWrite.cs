using Membership.Contracts.Points;
using Membership.Points.Ledger;
using Npgsql;

namespace Membership.Points.Purchases;

/// <summary>
/// Everything a purchase writes, as one statement in its own transaction (one round trip, no BEGIN/COMMIT): the account
/// row is added to under its row lock (so its new balance is exact under concurrency), then the idempotency record with
/// its stored answer, the purchase, the earn entry and its lot, and the outbox event. Any unique violation (the key, or
/// the store's receipt) aborts the whole statement, so nothing is half-written.
/// </summary>
internal static class PurchaseWrite
{
    internal sealed record Row(
        Guid PurchaseId, Guid MemberId, string Key, string RequestHash, string StoreCode, string Receipt, decimal Total,
        DateTimeOffset OccurredAt, string Channel, int Points, bool Imported, string LinesJson, string? RecordedBy,
        DateTimeOffset ExpiresAt, string Reason, string OutboxType, string OutboxPayload, DateTimeOffset Now);

    private static readonly string Sql = $"""
        WITH account AS (
            INSERT INTO points_accounts AS a (member_id, balance, lifetime_earned, updated_at) VALUES ($2, $10, $10, $18)
            ON CONFLICT (member_id) DO UPDATE SET balance = a.balance + excluded.balance,
                lifetime_earned = a.lifetime_earned + excluded.lifetime_earned, updated_at = excluded.updated_at
            RETURNING balance),
        claim AS (
            INSERT INTO points_idempotency_records (scope, key, request_hash, created_at, response)
            SELECT '{IdempotentAnswers.PurchaseScope}', $3, $4, $18,
                   jsonb_build_object('purchaseId', $1, 'memberId', $2, 'pointsEarned', $10, 'balance', account.balance)
            FROM account),
        purchase AS (
            INSERT INTO points_purchases (id, member_id, store_code, receipt_number, total, refunded_amount, occurred_at, channel,
                                          points_earned, points_reversed, imported, lines, recorded_by, created_at)
            VALUES ($1, $2, $5, $6, $7, 0, $8, $9, $10, 0, $11, $12, $13, $18)),
        entry AS (
            INSERT INTO points_ledger_entries (id, member_id, kind, points, balance_after, occurred_at, expires_at, reason, recorded_by,
                                               purchase_id, channel)
            SELECT $19, $2, {(int)LedgerEntryKind.Earn}, $10, account.balance, $18, $14, $15, $13, $1, $9 FROM account WHERE $10 > 0),
        lot AS (
            INSERT INTO points_lots (id, member_id, entry_id, purchase_id, points, remaining, expires_at, created_at)
            SELECT $20, $2, $19, $1, $10, $10, $14, $18 WHERE $10 > 0),
        outbox AS (
            INSERT INTO points_outbox_messages (id, type, payload, occurred_at, attempts) VALUES ($21, $16, $17, $18, 0))
        SELECT balance FROM account
        """;

    /// <returns>The balance after the purchase; throws <see cref="PostgresException"/> (unique violation) on a used key or receipt.</returns>
    public static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, Row row, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Sql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = row.PurchaseId });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = row.MemberId });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Key });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.RequestHash });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.StoreCode });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Receipt });
        p.Add(new NpgsqlParameter<decimal> { TypedValue = row.Total });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.OccurredAt });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Channel });
        p.Add(new NpgsqlParameter<int> { TypedValue = row.Points });
        p.Add(new NpgsqlParameter<bool> { TypedValue = row.Imported });
        p.Add(LedgerSql.Jsonb(row.LinesJson));
        p.Add(LedgerSql.NullableText(row.RecordedBy));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.ExpiresAt });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Reason });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.OutboxType });
        p.Add(LedgerSql.Jsonb(row.OutboxPayload));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.Now });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }
}
