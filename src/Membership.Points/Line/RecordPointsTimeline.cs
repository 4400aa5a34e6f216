using System.Globalization;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;

namespace Membership.Points.Line;

/// <summary>Refunds and other balance changes (redemptions, grants, adjustments) on the member's timeline.</summary>
internal sealed class RecordPointsTimeline(IMembersModule members)
    : IIntegrationEventHandler<PurchaseRefunded>, IIntegrationEventHandler<PointsBalanceChanged>
{
    public Task HandleAsync(PurchaseRefunded integrationEvent, Guid messageId, CancellationToken ct)
    {
        var e = integrationEvent;
        var summary = string.Create(CultureInfo.InvariantCulture, $"退款 Refund NT${e.Amount:#,0.##} · -{e.PointsReversed} 點 / points");
        return members.RecordTimelineEntryAsync(
            new MemberTimelineEntry(e.MemberId, e.OccurredAt, TimelineKinds.PurchaseRefunded, summary, $"points:refund:{e.RefundId}"), ct);
    }

    public Task HandleAsync(PointsBalanceChanged integrationEvent, Guid messageId, CancellationToken ct)
    {
        var e = integrationEvent;
        var summary = string.Create(
            CultureInfo.InvariantCulture, $"{e.Kind.ToString().ToLowerInvariant()} {e.Points:+#;-#;0} 點 / points · {e.Reason} · = {e.BalanceAfter}");
        return members.RecordTimelineEntryAsync(
            new MemberTimelineEntry(e.MemberId, e.OccurredAt, TimelineKinds.Points, summary, $"points:entry:{e.EntryId}"), ct);
    }
}
