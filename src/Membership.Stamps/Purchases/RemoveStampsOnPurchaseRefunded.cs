using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Contracts.Stamps;
using Membership.Stamps.Cards;
using Membership.Stamps.Definitions;
using Membership.Stamps.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Stamps.Purchases;

/// <summary>
/// A refund takes the purchase's stamps back from cards that are still open: all of them on a full refund; on a
/// partial one, per-NT$ cards keep what the amount left over earns. Completed or expired cards are not touched.
/// </summary>
internal sealed class RemoveStampsOnPurchaseRefunded(
    IDbContextFactory<StampsDbContext> dbFactory, StampTimeline timeline, TimeProvider clock)
    : IIntegrationEventHandler<PurchaseRefunded>
{
    public async Task HandleAsync(PurchaseRefunded integrationEvent, Guid messageId, CancellationToken ct)
    {
        var source = new StampSource($"refund:{integrationEvent.RefundId}", "refund", integrationEvent.PurchaseId, integrationEvent.Amount, null, null);
        var now = clock.GetUtcNow();
        var changes = new List<(string, int, StampCard?, IReadOnlyList<StampReward>)>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await StampBook.LockMemberAsync(db, integrationEvent.MemberId, ct);
            if (await StampBook.WasAppliedAsync(db, source.Key, ct))
            {
                return;
            }

            var entries = await db.Entries.AsNoTracking().Where(e => e.PurchaseId == integrationEvent.PurchaseId).ToListAsync(ct);
            foreach (var byDefinition in entries.GroupBy(e => e.DefinitionId))
            {
                var definitionRow = await db.Definitions.AsNoTracking().SingleAsync(d => d.Id == byDefinition.Key, ct);
                var definition = StampCardDefinitions.ToDefinition(definitionRow);
                var card = await StampBook.OpenCardAsync(db, integrationEvent.MemberId, definition.Id, now, ct);
                if (card is null || byDefinition.All(e => e.CardId != card.Id))
                {
                    continue;
                }

                var excess = byDefinition.Sum(e => e.Stamps) - Target(definition, byDefinition.ToList(), integrationEvent);
                var onCard = byDefinition.Where(e => e.CardId == card.Id).Sum(e => e.Stamps);
                var removed = await StampBook.RemoveAsync(db, card, Math.Min(excess, onCard), source, now, ct);
                changes.Add((definition.Name, -removed, StampBook.ToCard(definition, card, now), []));
            }

            await transaction.CommitAsync(ct);
        }

        await timeline.RecordAsync(integrationEvent.MemberId, now, source.Key, changes, ct);
    }

    /// <summary>The stamps the purchase should still have after this refund.</summary>
    private static int Target(StampCardDefinition definition, List<StampEntryRow> entries, PurchaseRefunded refund)
    {
        if (refund.FullyRefunded || definition.Earning != StampEarning.PerAmount)
        {
            return refund.FullyRefunded ? 0 : entries.Sum(e => e.Stamps);
        }

        var total = entries.Where(e => e.Source == "purchase").Select(e => e.Amount ?? 0).FirstOrDefault();
        var refundedBefore = entries.Where(e => e.Source == "refund").DistinctBy(e => e.SourceKey).Sum(e => e.Amount ?? 0);
        return definition.StampsFor(total - refundedBefore - refund.Amount);
    }
}
