using System.Data.Common;
using Membership.Points.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Membership.Points.Ledger;

/// <summary>
/// The statements every balance change runs inside its transaction: claiming an idempotency key, locking the
/// member's account row, and taking points from lots oldest-expiring first. Raw SQL: each is one round trip.
/// </summary>
internal static class LedgerSql
{
    /// <summary>
    /// Begins a balance change's one transaction. Without EF's automatic savepoint around SaveChanges (a SAVEPOINT and
    /// a RELEASE, two round trips): a failed SaveChanges here always ends in a rollback of the whole transaction.
    /// </summary>
    public static Task<IDbContextTransaction> BeginAsync(PointsDbContext db, CancellationToken ct)
    {
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginTransactionAsync(ct);
    }

    /// <summary>
    /// Claims the key for this transaction. Null when claimed; else the existing record. A concurrent claim of the same
    /// key waits for the first transaction, so the loser reads the winner's stored answer.
    /// </summary>
    public static async Task<IdempotencyRecord?> ClaimKeyAsync(PointsDbContext db, string scope, string key, string requestHash, DateTimeOffset now, CancellationToken ct)
    {
        await using var insert = Command(db, """
            INSERT INTO points_idempotency_records (scope, key, request_hash, created_at) VALUES (@scope, @key, @hash, @now)
            ON CONFLICT (scope, key) DO NOTHING
            """);
        insert.Parameters.Add(new NpgsqlParameter("scope", scope));
        insert.Parameters.Add(new NpgsqlParameter("key", key));
        insert.Parameters.Add(new NpgsqlParameter("hash", requestHash));
        insert.Parameters.Add(new NpgsqlParameter("now", now));
        if (await insert.ExecuteNonQueryAsync(ct) == 1)
        {
            return null;
        }

        await using var select = Command(db, "SELECT request_hash, response::text FROM points_idempotency_records WHERE scope = @scope AND key = @key");
        select.Parameters.Add(new NpgsqlParameter("scope", scope));
        select.Parameters.Add(new NpgsqlParameter("key", key));
        await using var reader = await select.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            RequestHash = reader.GetString(0),
            Response = reader.IsDBNull(1) ? null : reader.GetString(1),
        };
    }


    /// <summary>Creates the member's account row when missing and locks it until the transaction ends.</summary>
    public static async Task<(int Balance, int LifetimeEarned)> LockAccountAsync(PointsDbContext db, Guid memberId, DateTimeOffset now, CancellationToken ct)
    {
        await using var upsert = Command(db, """
            INSERT INTO points_accounts (member_id, balance, lifetime_earned, updated_at) VALUES (@member, 0, 0, @now)
            ON CONFLICT (member_id) DO UPDATE SET updated_at = excluded.updated_at
            RETURNING balance, lifetime_earned
            """);
        upsert.Parameters.Add(new NpgsqlParameter("member", memberId));
        upsert.Parameters.Add(new NpgsqlParameter("now", now));
        await using var reader = await upsert.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }


    /// <summary>
    /// Takes up to <paramref name="points"/> from the member's open lots, oldest-expiring first (the lots of
    /// <paramref name="preferPurchase"/> before all others), and returns what it took from which lot.
    /// The caller holds the account lock, so no other transaction changes these lots meanwhile.
    /// </summary>
    public static async Task<List<(Guid LotId, int Points)>> TakeFromLotsAsync(
        PointsDbContext db, Guid memberId, int points, Guid? preferPurchase, CancellationToken ct)
    {
        await using var take = Command(db, $"WITH {TakeFromLotsCte("@member", "@points", "@prefer")} SELECT id, points FROM took");
        take.Parameters.Add(new NpgsqlParameter("prefer", NpgsqlDbType.Uuid) { Value = (object?)preferPurchase ?? DBNull.Value });
        take.Parameters.Add(new NpgsqlParameter("member", memberId));
        take.Parameters.Add(new NpgsqlParameter("points", points));
        var result = new List<(Guid, int)>();
        await using var reader = await take.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add((reader.GetGuid(0), reader.GetInt32(1)));
        }

        return result;
    }

    /// <summary>
    /// CTEs that take <paramref name="points"/> from the member's open lots, oldest-expiring first (those of the purchase
    /// <paramref name="preferPurchase"/> before all others); <c>took</c> returns each lot's id and the points taken from it.
    /// With <paramref name="allOrNothing"/>, <c>enough</c> (one row, <c>ok</c>) tells whether the lots hold all the
    /// points, and nothing is taken when they do not. Run it only while holding the member's account lock, in a
    /// statement that starts after the lock was taken.
    /// </summary>
    public static string TakeFromLotsCte(string member, string points, string preferPurchase, bool allOrNothing = false)
    {
        var enough = allOrNothing ? $"enough AS (SELECT coalesce(sum(points), 0) = {points} AS ok FROM taken)," : "";
        var onlyWhenEnough = allOrNothing ? " AND (SELECT ok FROM enough)" : "";
        return $"""
            open_lots AS (
                SELECT id, remaining,
                       sum(remaining) OVER (ORDER BY CASE WHEN purchase_id = {preferPurchase} THEN 0 ELSE 1 END, expires_at, id) AS upto
                FROM points_lots WHERE member_id = {member} AND remaining > 0),
            taken AS (
                SELECT id, LEAST(remaining, {points} - (upto - remaining))::int AS points FROM open_lots WHERE upto - remaining < {points}),
            {enough}
            took AS (
                UPDATE points_lots l SET remaining = l.remaining - taken.points FROM taken WHERE l.id = taken.id{onlyWhenEnough}
                RETURNING l.id, taken.points)
            """;
    }

    public static NpgsqlParameter NullableText(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter<string> Jsonb(string json) => new() { TypedValue = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    public static DbCommand Command(PointsDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
