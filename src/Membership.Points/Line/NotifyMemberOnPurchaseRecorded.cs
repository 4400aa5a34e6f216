using System.Globalization;
using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Points.Ledger;

namespace Membership.Points.Line;

/// <summary>
/// After a purchase has committed: the member's timeline and, for a LINE friend who earned points, a push with the
/// points and the balance. Runs from the Points outbox, so the till never waits for LINE; the retry key is fixed by
/// the purchase, so a redelivery pushes once.
/// </summary>
internal sealed class NotifyMemberOnPurchaseRecorded(IMembersModule members, PointsQueries queries, ILineMessagingClient line)
    : IIntegrationEventHandler<PurchaseRecorded>
{
    public async Task HandleAsync(PurchaseRecorded integrationEvent, Guid messageId, CancellationToken ct)
    {
        var e = integrationEvent;
        var summary = string.Create(
            CultureInfo.InvariantCulture, $"NT${e.Total:#,0.##} · {e.StoreCode} #{e.ReceiptNumber} · +{e.PointsEarned} 點 / points");
        await members.RecordTimelineEntryAsync(new MemberTimelineEntry(e.MemberId, e.OccurredAt, TimelineKinds.Purchase, summary, $"points:purchase:{e.PurchaseId}"), ct);
        if (e.PointsEarned <= 0 || e.Imported)
        {
            return;
        }

        var member = await members.GetAsync(e.MemberId, ct);
        if (member is not { LineUserId: { } lineUserId, FriendStatus: FriendStatus.Friend })
        {
            return;
        }

        var balance = await queries.GetBalanceAsync(e.MemberId, ct);
        var text = PointsTexts.Earned(member.Language, e.PointsEarned, balance.Balance);
        await line.PushAsync(new PushMessageRequest(lineUserId, [new TextMessage(text)]), RetryKeys.For($"purchase:{e.PurchaseId:N}"), ct);
    }
}
