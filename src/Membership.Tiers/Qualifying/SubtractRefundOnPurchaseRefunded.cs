using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Tiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tiers.Qualifying;

/// <summary>
/// A refund takes its amount (and reversed points) off the qualifying total, dated like its purchase so it leaves
/// the 12-month window together with it. It never lowers the tier: only the yearly review does.
/// </summary>
internal sealed class SubtractRefundOnPurchaseRefunded(TierUpgrader upgrader, IDbContextFactory<TiersDbContext> dbFactory, TimeProvider clock)
    : IIntegrationEventHandler<PurchaseRefunded>
{
    public async Task HandleAsync(PurchaseRefunded integrationEvent, Guid messageId, CancellationToken ct)
    {
        DateTimeOffset? purchasedAt;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var purchaseKey = $"purchase:{integrationEvent.PurchaseId}";
            purchasedAt = await db.Activities.Where(a => a.SourceKey == purchaseKey).Select(a => (DateTimeOffset?)a.OccurredAt).FirstOrDefaultAsync(ct);
        }

        var activity = new QualifyingActivityRow
        {
            Id = Guid.CreateVersion7(),
            MemberId = integrationEvent.MemberId,
            SourceKey = $"refund:{integrationEvent.RefundId}",
            PurchaseId = integrationEvent.PurchaseId,
            Amount = -integrationEvent.Amount,
            Points = -integrationEvent.PointsReversed,
            OccurredAt = purchasedAt ?? integrationEvent.OccurredAt,
            RecordedAt = clock.GetUtcNow(),
        };
        await upgrader.RecordAsync(activity, mayUpgrade: false, ct);
    }
}
