using Membership.Contracts.Points;
using Membership.Points.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Points.Ledger;

/// <summary>Spending points (oldest-expiring lots first) and giving back a redemption into the lots it took from.</summary>
internal sealed class PointsRedemptions(IDbContextFactory<PointsDbContext> dbFactory, TimeProvider clock)
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
        var hash = IdempotentAnswers.HashOf(new { request.MemberId, request.Points, Reason = request.Reason.Trim(), request.Channel });
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await LedgerSql.BeginAsync(db, ct);
        var now = clock.GetUtcNow();
        if (await LedgerSql.ClaimKeyAsync(db, IdempotentAnswers.RedeemScope, key, hash, now, ct) is { } existing)
        {
            return existing.RequestHash == hash && existing.Response is { } json
                ? Replayed(IdempotentAnswers.Deserialize<RedeemAnswer>(json))
                : new RedeemPointsResult(RedeemOutcome.Conflict, null, 0, "This Idempotency-Key was already used for another request.");
        }

        var (balance, lifetime) = await LedgerSql.LockAccountAsync(db, request.MemberId, now, ct);
        if (balance < request.Points)
        {
            await transaction.RollbackAsync(ct);
            return new RedeemPointsResult(
                RedeemOutcome.InsufficientBalance, null, balance, $"The balance is {balance} points; {request.Points} cannot be redeemed.");
        }

        var taken = await LedgerSql.TakeFromLotsAsync(db, request.MemberId, request.Points, null, ct);
        EnsureTaken(taken, request.Points, request.MemberId);
        var after = balance - request.Points;
        var entry = LedgerWrites.AddEntry(
            db, request.MemberId, LedgerEntryKind.Redeem, -request.Points, after, now, request.Reason.Trim(), request.RecordedBy, channel: request.Channel);
        LedgerWrites.AddConsumptions(db, request.MemberId, entry.Id, taken);
        LedgerWrites.AddChangedEvent(db, entry);
        LedgerWrites.SetAccount(db, request.MemberId, after, lifetime, now);
        LedgerWrites.SetAnswer(db, IdempotentAnswers.RedeemScope, key, new RedeemAnswer(entry.Id, after));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RedeemPointsResult(RedeemOutcome.Redeemed, entry.Id, after);
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
            throw new InvalidOperationException($"The lots of member {memberId} do not hold the balance; the ledger needs checking.");
        }
    }

    private static RedeemPointsResult Replayed(RedeemAnswer answer) => new(RedeemOutcome.Replayed, answer.EntryId, answer.Balance);
}
