using Membership.Contracts.Points;
using Membership.Points.Persistence;
using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Points.Ledger;

/// <summary>Spending points (oldest-expiring lots first) and giving back a redemption into the lots it took from.</summary>
internal sealed class PointsRedemptions(IDbContextFactory<PointsDbContext> dbFactory, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int MaxPoints = 10_000_000;

    internal sealed record RedeemAnswer(Guid EntryId, int Balance);

    /// <summary>The caller has checked that the member exists.</summary>
    public async Task<RedeemPointsResult> RedeemAsync(RedeemPointsRequest request, CancellationToken ct)
    {
        if (Validate(request) is { } error)
        {
            return new RedeemPointsResult(RedeemOutcome.Invalid, null, 0, error);
        }

        var key = request.IdempotencyKey.Trim();
        var reason = request.Reason.Trim();
        var hash = IdempotentAnswers.HashOf(new { request.MemberId, request.Points, Reason = reason, request.Channel });
        var now = clock.GetUtcNow();
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            var committed = false;
            try
            {
                var claim = await RedeemWrite.BeginClaimAndLockAsync(connection, request.MemberId, key, hash, now, ct);
                if (claim.Claimed && claim.Balance < request.Points)
                {
                    return new RedeemPointsResult(
                        RedeemOutcome.InsufficientBalance, null, claim.Balance, $"The balance is {claim.Balance} points; {request.Points} cannot be redeemed.");
                }

                if (claim.Claimed)
                {
                    var after = claim.Balance - request.Points;
                    var entryId = Guid.CreateVersion7();
                    var (type, payload) = OutboxMessages.Serialize(new PointsBalanceChanged(
                        request.MemberId, entryId, LedgerEntryKind.Redeem, -request.Points, after, reason, now));
                    var written = await RedeemWrite.WriteAndCommitAsync(connection, new RedeemWrite.Row(
                        request.MemberId, request.Points, entryId, after, now, reason, LedgerWrites.Shorten(request.RecordedBy, 256), request.Channel,
                        key, type, payload), ct);
                    committed = true;
                    if (!written)
                    {
                        throw LotsDoNotHoldBalance(request.MemberId);
                    }

                    return new RedeemPointsResult(RedeemOutcome.Redeemed, entryId, after);
                }
            }
            finally
            {
                if (!committed && connection.State == System.Data.ConnectionState.Open)
                {
                    await RedeemWrite.RollbackAsync(connection);
                }
            }
        }

        // The key was used before: its answer, once the transaction that claimed it has committed (the claim waited for it).
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.IdempotencyRecords.AsNoTracking()
            .SingleAsync(r => r.Scope == IdempotentAnswers.RedeemScope && r.Key == key, ct);
        return existing.RequestHash == hash && existing.Response is { } json
            ? Replayed(IdempotentAnswers.Deserialize<RedeemAnswer>(json))
            : new RedeemPointsResult(RedeemOutcome.Conflict, null, 0, "This Idempotency-Key was already used for another request.");
    }

    /// <summary>Idempotent by the redemption's key: the second call changes nothing and returns the balance.</summary>
    public async Task<PointsBalance?> ReverseAsync(ReverseRedemptionRequest request, Func<Task<PointsBalance>> balance, CancellationToken ct)
    {
        var key = request.RedemptionIdempotencyKey.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await LedgerSql.BeginAsync(db, ct);
        var redemption = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Scope == IdempotentAnswers.RedeemScope && r.Key == key, ct);
        if (redemption?.Response is not { } json)
        {
            return null;
        }

        var entryId = IdempotentAnswers.Deserialize<RedeemAnswer>(json).EntryId;
        var now = clock.GetUtcNow();
        if (await LedgerSql.ClaimKeyAsync(db, IdempotentAnswers.ReverseScope, key, IdempotentAnswers.HashOf(entryId), now, ct) is not null)
        {
            await transaction.RollbackAsync(ct);
            return await balance();
        }

        var redeemed = await db.Ledger.AsNoTracking().FirstAsync(e => e.Id == entryId, ct);
        if (redeemed.MemberId != request.MemberId)
        {
            await transaction.RollbackAsync(ct);
            return null;
        }

        var (current, lifetime) = await LedgerSql.LockAccountAsync(db, request.MemberId, now, ct);
        var consumed = await db.LotConsumptions.Where(c => c.EntryId == entryId).ToListAsync(ct);
        var lotIds = consumed.Select(c => c.LotId).ToList();
        var lots = await db.Lots.Where(l => lotIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        foreach (var consumption in consumed)
        {
            lots[consumption.LotId].Remaining += consumption.Points;
        }

        var points = consumed.Sum(c => c.Points);
        var after = current + points;
        var entry = LedgerWrites.AddEntry(db, request.MemberId, LedgerEntryKind.Reverse, points, after, now, request.Reason.Trim(), channel: redeemed.Channel);
        LedgerWrites.AddChangedEvent(db, entry);
        LedgerWrites.SetAccount(db, request.MemberId, after, lifetime, now);
        LedgerWrites.SetAnswer(db, IdempotentAnswers.ReverseScope, key, new RedeemAnswer(entryId, after));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await balance();
    }

    internal static string? Validate(RedeemPointsRequest request)
    {
        if (!IdempotentAnswers.IsValidKey(request.IdempotencyKey))
        {
            return $"An idempotency key of 1 to {IdempotentAnswers.MaxKeyLength} characters is required.";
        }

        if (request.Points is <= 0 or > MaxPoints)
        {
            return $"Points to redeem must be a whole number from 1 to {MaxPoints:N0}.";
        }

        return string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 500
            ? "A reason of 1 to 500 characters is required."
            : null;
    }

    /// <summary>The lots always hold the balance; a difference means the data was changed outside the ledger.</summary>
    internal static void EnsureTaken(List<(Guid LotId, int Points)> taken, int points, Guid memberId)
    {
        if (taken.Sum(t => t.Points) != points)
        {
            throw LotsDoNotHoldBalance(memberId);
        }
    }

    private static InvalidOperationException LotsDoNotHoldBalance(Guid memberId) =>
        new($"The lots of member {memberId} do not hold the balance; the ledger needs checking.");

    private static RedeemPointsResult Replayed(RedeemAnswer answer) => new(RedeemOutcome.Replayed, answer.EntryId, answer.Balance);
}
