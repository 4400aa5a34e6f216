using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Tiers.Persistence;

namespace Membership.Tiers.Qualifying;

/// <summary>A purchase (imported history too) counts towards the member's tier and may upgrade it at once.</summary>
internal sealed class CountPurchaseOnPurchaseRecorded(TierUpgrader upgrader, TimeProvider clock) : IIntegrationEventHandler<PurchaseRecorded>
{
    public async Task HandleAsync(PurchaseRecorded integrationEvent, Guid messageId, CancellationToken ct)
    {
        var activity = new QualifyingActivityRow
        {
            Id = Guid.CreateVersion7(),
            MemberId = integrationEvent.MemberId,
            SourceKey = $"purchase:{integrationEvent.PurchaseId}",
            PurchaseId = integrationEvent.PurchaseId,
            Amount = integrationEvent.Total,
            Points = integrationEvent.PointsEarned,
            OccurredAt = integrationEvent.OccurredAt,
            RecordedAt = clock.GetUtcNow(),
        };
        await upgrader.RecordAsync(activity, mayUpgrade: true, ct);
    }
}
