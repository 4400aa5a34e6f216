using Membership.Contracts.Points;
using Npgsql;

namespace Membership.Points.Ledger;

/// <summary>
/// A redemption in two round trips, each a pipelined batch: (1) BEGIN, claim the key, lock the account row; (2) one
/// statement that takes the points from the lots oldest-expiring first and writes the entry, what it took from which
/// lot, the account, the stored answer and the outbox event, then COMMIT. The lots are read by the second statement,
/// after the lock is held, so a concurrent redemption of the same member can never have changed them unseen; if the
/// lots did not hold the points (data changed outside the ledger), that statement writes nothing and gives the key back.
/// The caller ends every other path with <see cref="RollbackAsync"/>.
/// </summary>
internal static class RedeemWrite
{
    internal sealed record ClaimResult(bool Claimed, int Balance);

    internal sealed record Row(
        Guid MemberId, int Points, Guid EntryId, int BalanceAfter, DateTimeOffset Now, string Reason, string? RecordedBy, string? Channel,
        string Key, string OutboxType, string OutboxPayload);

    private static readonly string ClaimSql = $"""
        INSERT INTO points_idempotency_records (scope, key, request_hash, created_at) VALUES ('{IdempotentAnswers.RedeemScope}', $1, $2, $3)
        ON CONFLICT (scope, key) DO NOTHING RETURNING true
        """;

    private const string LockSql = "SELECT balance FROM points_accounts WHERE member_id = $1 FOR UPDATE";

    private static readonly string WriteSql = $"""
        WITH {LedgerSql.TakeFromLotsCte("$1", "$2", "NULL::uuid", allOrNothing: true)},
        entry AS (
            INSERT INTO points_ledger_entries (id, member_id, kind, points, balance_after, occurred_at, reason, recorded_by, channel)
            SELECT $3, $1, {(int)LedgerEntryKind.Redeem}, -$2, $4, $5, $6, $7, $8 FROM enough WHERE ok),
        consumed AS (
            INSERT INTO points_lot_consumptions (id, entry_id, lot_id, member_id, points) SELECT gen_random_uuid(), $3, id, $1, points FROM took),
        account AS (
            UPDATE points_accounts SET balance = $4, updated_at = $5 WHERE member_id = $1 AND (SELECT ok FROM enough)),
        answer AS (
            UPDATE points_idempotency_records SET response = jsonb_build_object('entryId', $3, 'balance', $4)
            WHERE scope = '{IdempotentAnswers.RedeemScope}' AND key = $9 AND (SELECT ok FROM enough)),
        unclaim AS (
            DELETE FROM points_idempotency_records WHERE scope = '{IdempotentAnswers.RedeemScope}' AND key = $9 AND NOT (SELECT ok FROM enough)),
        outbox AS (
            INSERT INTO points_outbox_messages (id, type, payload, occurred_at, attempts) SELECT $10, $11, $12, $5, 0 FROM enough WHERE ok)
        SELECT ok FROM enough
        """;

    /// <summary>Round trip 1: begins the transaction. The account's balance is 0 when the member has no account yet.</summary>
    public static async Task<ClaimResult> BeginClaimAndLockAsync(
        NpgsqlConnection connection, Guid memberId, string key, string hash, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        var claim = new NpgsqlBatchCommand(ClaimSql);
        claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        var lockAccount = new NpgsqlBatchCommand(LockSql);
        lockAccount.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = memberId });
        batch.BatchCommands.Add(claim);
        batch.BatchCommands.Add(lockAccount);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var claimed = await reader.ReadAsync(ct); // Npgsql skips BEGIN (no result set): this is the claim's RETURNING
        await reader.NextResultAsync(ct);
        var balance = await reader.ReadAsync(ct) ? reader.GetInt32(0) : 0;
        return new ClaimResult(claimed, balance);
    }

    /// <summary>Round trip 2, ending the transaction. False when the lots did not hold the points: nothing was written.</summary>
    public static async Task<bool> WriteAndCommitAsync(NpgsqlConnection connection, Row row, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        var write = new NpgsqlBatchCommand(WriteSql);
        batch.BatchCommands.Add(write);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        var p = write.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = row.MemberId });
        p.Add(new NpgsqlParameter<int> { TypedValue = row.Points });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = row.EntryId });
        p.Add(new NpgsqlParameter<int> { TypedValue = row.BalanceAfter });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.Now });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Reason });
        p.Add(LedgerSql.NullableText(row.RecordedBy));
        p.Add(LedgerSql.NullableText(row.Channel));
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Key });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.OutboxType });
        p.Add(LedgerSql.Jsonb(row.OutboxPayload));
        return (bool)(await batch.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Ends a transaction this class began on any path but a successful write; harmless when none is open.</summary>
    public static async Task RollbackAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection broke: PostgreSQL ends its transaction with it, and Npgsql drops it from the pool. The
            // caller's own exception (if any) is the one that matters.
        }
    }
}
