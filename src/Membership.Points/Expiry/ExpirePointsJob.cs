using Membership.Contracts.Members;
using Membership.Points.Ledger;
using Membership.Points.Persistence;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Membership.Points.Expiry;

/// <summary>
/// Nightly: expires what is left of the lots that are due (never whole lots: spent points are already gone), a batch of
/// members per transaction. Each batch locks the members' account rows first, as every other balance change does.
/// </summary>
internal sealed partial class ExpirePointsJob(
    IDbContextFactory<PointsDbContext> dbFactory, IMembersModule members, TimeProvider clock, ILogger<ExpirePointsJob> logger)
{
    public const int BatchSize = 500;

    private const string LockDueSql = """
        SELECT member_id FROM points_accounts
        WHERE member_id IN (SELECT DISTINCT member_id FROM points_lots WHERE remaining > 0 AND expires_at <= @now LIMIT @batch)
        ORDER BY member_id FOR UPDATE
        """;

    // One statement (kind 2 = LedgerEntryKind.Expire): the due lots' remainders leave the accounts, one expire entry per member, the consumptions, the lots emptied.
    private const string ExpireSql = """
        WITH due AS (
            SELECT id, member_id, remaining FROM points_lots WHERE member_id = ANY(@members) AND remaining > 0 AND expires_at <= @now),
        per_member AS (SELECT member_id, sum(remaining)::int AS points FROM due GROUP BY member_id),
        accounts AS (
            UPDATE points_accounts a SET balance = a.balance - p.points, updated_at = @now
            FROM per_member p WHERE a.member_id = p.member_id
            RETURNING a.member_id, a.balance, p.points),
        entries AS (
            INSERT INTO points_ledger_entries (id, member_id, kind, points, balance_after, occurred_at, reason)
            SELECT gen_random_uuid(), member_id, 2, -points, balance, @now, 'Expired' FROM accounts
            RETURNING id, member_id),
        consumed AS (
            INSERT INTO points_lot_consumptions (id, entry_id, lot_id, member_id, points)
            SELECT gen_random_uuid(), e.id, d.id, d.member_id, d.remaining FROM due d JOIN entries e ON e.member_id = d.member_id)
        UPDATE points_lots l SET remaining = 0 FROM due d WHERE l.id = d.id
        RETURNING d.member_id, d.remaining
        """;

    /// <returns>How many points expired.</returns>
    public async Task<long> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = new Dictionary<Guid, int>();
        while (true)
        {
            var batch = await ExpireBatchAsync(now, ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var (memberId, points) in batch)
            {
                expired[memberId] = expired.GetValueOrDefault(memberId) + points;
            }
        }

        var day = TaipeiTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (memberId, points) in expired)
        {
            await members.RecordTimelineEntryAsync(
                new MemberTimelineEntry(memberId, now, TimelineKinds.Points, $"{points} 點到期 / {points} points expired", $"points:expire:{memberId:N}:{day}"), ct);
        }

        var total = expired.Values.Sum(p => (long)p);
        LogExpired(total, expired.Count);
        return total;
    }

    private async Task<List<(Guid MemberId, int Points)>> ExpireBatchAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var memberIds = new List<Guid>();
        await using (var lockDue = LedgerSql.Command(db, LockDueSql))
        {
            lockDue.Parameters.Add(new NpgsqlParameter("now", now));
            lockDue.Parameters.Add(new NpgsqlParameter("batch", BatchSize));
            await using var reader = await lockDue.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                memberIds.Add(reader.GetGuid(0));
            }
        }

        var result = new List<(Guid, int)>();
        if (memberIds.Count > 0)
        {
            await using var expire = LedgerSql.Command(db, ExpireSql);
            expire.Parameters.Add(new NpgsqlParameter("members", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = memberIds.ToArray() });
            expire.Parameters.Add(new NpgsqlParameter("now", now));
            await using var reader = await expire.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                result.Add((reader.GetGuid(0), reader.GetInt32(1)));
            }
        }

        await transaction.CommitAsync(ct);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Points} points of {Members} members")]
    private partial void LogExpired(long points, int members);
}
