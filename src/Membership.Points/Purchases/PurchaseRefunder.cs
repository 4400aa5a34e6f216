using Membership.Contracts.Points;
using Membership.Points.Ledger;
using Membership.Points.Persistence;
using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Membership.Points.Purchases;

/// <summary>
/// Full or partial refunds. The points owed back are proportional to the amount refunded so far (all of them once the
/// purchase is fully refunded), taken from the purchase's own lot first; what the member already spent is not taken
/// below a zero balance but recorded as the refund's shortfall.
/// </summary>
internal sealed class PurchaseRefunder(IDbContextFactory<PointsDbContext> dbFactory, TimeProvider clock)
{
    internal sealed record RefundAnswer(Guid RefundId, decimal RefundedAmount, int PointsReversed, int Balance);

    public async Task<RefundPurchaseResult> RefundAsync(RefundPurchaseRequest request, CancellationToken ct)
    {
        if (Validate(request) is { } error)
        {
            return Refused(RefundOutcome.Invalid, error);
        }

        var key = request.IdempotencyKey.Trim();
        var reason = request.Reason?.Trim();
        var hash = IdempotentAnswers.HashOf(new { request.PurchaseId, request.Amount, reason });
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await LedgerSql.BeginAsync(db, ct);
        var now = clock.GetUtcNow();
        if (await LedgerSql.ClaimKeyAsync(db, IdempotentAnswers.RefundScope, key, hash, now, ct) is { } existing)
        {
            if (existing.RequestHash != hash || existing.Response is not { } json)
            {
                return Refused(RefundOutcome.Conflict, "This Idempotency-Key was already used for another request.");
            }

            var first = IdempotentAnswers.Deserialize<RefundAnswer>(json);
            return new RefundPurchaseResult(RefundOutcome.Replayed, first.RefundId, first.RefundedAmount, first.PointsReversed, first.Balance);
        }

        var purchase = await db.Purchases.FromSql($"SELECT * FROM points_purchases WHERE id = {request.PurchaseId} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (purchase is null)
        {
            await transaction.RollbackAsync(ct);
            return Refused(RefundOutcome.PurchaseNotFound, "No purchase has this id.");
        }

        var left = purchase.Total - purchase.RefundedAmount;
        var amount = request.Amount ?? left;
        if (left <= 0 || amount > left)
        {
            await transaction.RollbackAsync(ct);
            return Refused(RefundOutcome.Invalid, left <= 0
                ? "The purchase is already fully refunded."
                : $"At most NT${left:0.##} of this purchase can still be refunded.");
        }

        var refundedAfter = purchase.RefundedAmount + amount;
        var fully = refundedAfter == purchase.Total;
        var owedInTotal = fully ? purchase.PointsEarned : (int)decimal.Floor(purchase.PointsEarned * refundedAfter / purchase.Total);
        var owed = Math.Max(0, owedInTotal - purchase.PointsReversed);
        var (balance, lifetime) = await LedgerSql.LockAccountAsync(db, purchase.MemberId, now, ct);
        var take = Math.Min(owed, balance);
        var shortfall = owed - take;
        var after = balance - take;
        if (take > 0)
        {
            var taken = await LedgerSql.TakeFromLotsAsync(db, purchase.MemberId, take, purchase.Id, ct);
            PointsRedemptions.EnsureTaken(taken, take, purchase.MemberId);
            var text = $"Refund of receipt {purchase.ReceiptNumber} at {purchase.StoreCode}" + (shortfall > 0 ? $"; {shortfall} points already spent" : "");
            var entry = LedgerWrites.AddEntry(db, purchase.MemberId, LedgerEntryKind.Reverse, -take, after, now, text, request.RecordedBy, purchaseId: purchase.Id);
            LedgerWrites.AddConsumptions(db, purchase.MemberId, entry.Id, taken);
        }

        purchase.RefundedAmount = refundedAfter;
        purchase.PointsReversed = Math.Max(purchase.PointsReversed, owedInTotal);
        var refund = new Refund
        {
            Id = Guid.CreateVersion7(),
            PurchaseId = purchase.Id,
            MemberId = purchase.MemberId,
            Amount = amount,
            PointsReversed = take,
            PointsShortfall = shortfall,
            Reason = reason,
            RecordedBy = request.RecordedBy,
            CreatedAt = now,
        };
        db.Refunds.Add(refund);
        LedgerWrites.SetAccount(db, purchase.MemberId, after, Math.Max(0, lifetime - owed), now);
        db.Outbox.Add(OutboxMessage.For(new PurchaseRefunded(purchase.Id, refund.Id, purchase.MemberId, amount, take, now, fully), now));
        LedgerWrites.SetAnswer(db, IdempotentAnswers.RefundScope, key, new RefundAnswer(refund.Id, amount, take, after));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RefundPurchaseResult(RefundOutcome.Refunded, refund.Id, amount, take, after);
    }

    private static string? Validate(RefundPurchaseRequest request)
    {
        if (!IdempotentAnswers.IsValidKey(request.IdempotencyKey))
        {
            return $"An idempotency key of 1 to {IdempotentAnswers.MaxKeyLength} characters is required.";
        }

        if (request.Amount is { } amount && (amount <= 0 || decimal.Round(amount, 2) != amount))
        {
            return "The amount to refund is more than 0 NT$ with at most 2 decimals; leave it out to refund the whole purchase.";
        }

        return request.Reason?.Trim().Length > 500 ? "The reason has at most 500 characters." : null;
    }

    private static RefundPurchaseResult Refused(RefundOutcome outcome, string reason) => new(outcome, null, 0, 0, 0, reason);
}
