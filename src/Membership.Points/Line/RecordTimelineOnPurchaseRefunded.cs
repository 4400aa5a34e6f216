using Membership.Contracts.Common;
using Membership.Contracts.Points;

namespace Membership.Points.Line;

/// <summary>A refund on the member's timeline.</summary>
internal sealed class RecordTimelineOnPurchaseRefunded : IIntegrationEventHandler<PurchaseRefunded>
{
    public Task HandleAsync(PurchaseRefunded integrationEvent, Guid messageId, CancellationToken ct) => Task.CompletedTask;
}
