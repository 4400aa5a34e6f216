using Membership.Contracts.Points;
using Membership.Points.Earning;
using Membership.Points.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Points.Ledger;

/// <summary>Points given (welcome, birthday, campaign) and staff corrections; both idempotent by key.</summary>
internal sealed class PointsCredits(IDbContextFactory<PointsDbContext> dbFactory, EarnRulesStore rules, TimeProvider clock)
{
    internal sealed record BalanceAnswer(Guid EntryId, int Balance);

    /// <returns>The balance after the grant, or null when the request is not valid; a replay returns the first answer's balance.</returns>
    public async Task<(bool Granted, int Balance)?> GrantAsync(GrantPointsRequest request, CancellationToken ct)
    {
        if (request.Points is <= 0 or > PointsRedemptions.MaxPoints || !IdempotentAnswers.IsValidKey(request.IdempotencyKey))
        {
            return null;
        }

        var expiryMonths = (await rules.GetAsync(ct)).ExpiryMonths;
        var hash = IdempotentAnswers.HashOf(new { request.MemberId, request.Points, request.Source });
        var result = await CreditAsync(
            IdempotentAnswers.GrantScope, request.IdempotencyKey.Trim(), hash, request.MemberId, request.Points, LedgerEntryKind.Grant,
            $"{request.Source}: {request.Reason}".Trim(), null, expiryMonths, ct);
        return result is { Error: null } ? (!result.Replayed, result.Balance) : null;
    }

    public async Task<AdjustPointsResult> AdjustAsync(AdjustPointsRequest request, CancellationToken ct)
    {
        if (request.Points == 0 || Math.Abs((long)request.Points) > PointsRedemptions.MaxPoints)
        {
            return new AdjustPointsResult(false, 0, $"An adjustment is a non-zero number of points up to {PointsRedemptions.MaxPoints:N0}.");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 500)
        {
            return new AdjustPointsResult(false, 0, "A reason of 1 to 500 characters is required.");
        }

        if (!IdempotentAnswers.IsValidKey(request.IdempotencyKey))
        {
            return new AdjustPointsResult(false, 0, "An idempotency key is required.");
        }

        var expiryMonths = (await rules.GetAsync(ct)).ExpiryMonths;
        var hash = IdempotentAnswers.HashOf(new { request.MemberId, request.Points, Reason = request.Reason.Trim() });
        var result = await CreditAsync(
            IdempotentAnswers.AdjustScope, request.IdempotencyKey.Trim(), hash, request.MemberId, request.Points, LedgerEntryKind.Adjust,
            request.Reason.Trim(), request.RecordedBy, expiryMonths, ct);
        return new AdjustPointsResult(result.Error is null, result.Balance, result.Error);
    }

    private sealed record CreditResult(int Balance, bool Replayed, string? Error);

    /// <summary>Adds (a new lot) or, for a negative adjustment, takes points oldest-expiring first; refused when short.</summary>
    private async Task<CreditResult> CreditAsync(
        string scope, string key, string hash, Guid memberId, int points, LedgerEntryKind kind, string reason, string? recordedBy,
        int expiryMonths, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await LedgerSql.BeginAsync(db, ct);
        var now = clock.GetUtcNow();
        if (await LedgerSql.ClaimKeyAsync(db, scope, key, hash, now, ct) is { } existing)
        {
            return existing.RequestHash == hash && existing.Response is { } json
                ? new CreditResult(IdempotentAnswers.Deserialize<BalanceAnswer>(json).Balance, true, null)
                : new CreditResult(0, false, "This idempotency key was already used for another request.");
        }

        var (balance, lifetime) = await LedgerSql.LockAccountAsync(db, memberId, now, ct);
        if (balance + points < 0)
        {
            await transaction.RollbackAsync(ct);
            return new CreditResult(balance, false, $"The balance is {balance} points; {-points} cannot be taken.");
        }

        var after = balance + points;
        LedgerEntry entry;
        if (points > 0)
        {
            entry = LedgerWrites.AddCredit(db, memberId, kind, points, after, now, LedgerWrites.ExpiryOf(now, expiryMonths), reason, recordedBy);
            lifetime += kind == LedgerEntryKind.Grant ? points : 0;
        }
        else
        {
            var taken = await LedgerSql.TakeFromLotsAsync(db, memberId, -points, null, ct);
            PointsRedemptions.EnsureTaken(taken, -points, memberId);
            entry = LedgerWrites.AddEntry(db, memberId, kind, points, after, now, reason, recordedBy);
            LedgerWrites.AddConsumptions(db, memberId, entry.Id, taken);
        }

        LedgerWrites.AddChangedEvent(db, entry);
        LedgerWrites.SetAccount(db, memberId, after, lifetime, now);
        LedgerWrites.SetAnswer(db, scope, key, new BalanceAnswer(entry.Id, after));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CreditResult(after, false, null);
    }
}
