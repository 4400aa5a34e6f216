using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Contracts.Stamps;
using Membership.Stamps.Cards;
using Membership.Stamps.Definitions;
using Membership.Stamps.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Stamps.Purchases;

/// <summary>A purchase stamps the member's card of every active definition (imported history does not).</summary>
internal sealed class StampPurchaseOnPurchaseRecorded(
    IDbContextFactory<StampsDbContext> dbFactory, StampCardDefinitions definitions, StampTimeline timeline, TimeProvider clock)
    : IIntegrationEventHandler<PurchaseRecorded>
{
    public async Task HandleAsync(PurchaseRecorded integrationEvent, Guid messageId, CancellationToken ct)
    {
        if (integrationEvent.Imported)
        {
            return;
        }

        var earning = (await definitions.ListAsync(includeInactive: false, ct))
            .Select(d => (Definition: d, Stamps: d.StampsFor(integrationEvent.Total)))
            .Where(x => x.Stamps > 0)
            .ToList();
        if (earning.Count == 0)
        {
            return;
        }

        var source = new StampSource($"purchase:{integrationEvent.PurchaseId}", "purchase", integrationEvent.PurchaseId, integrationEvent.Total, integrationEvent.ReceiptNumber, null);
        var now = clock.GetUtcNow();
        var changes = new List<(string, int, StampCard?, IReadOnlyList<StampReward>)>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await StampBook.LockMemberAsync(db, integrationEvent.MemberId, ct);
            if (await StampBook.WasAppliedAsync(db, source.Key, ct))
            {
                return; // a redelivered event: its timeline entry went with the first delivery
            }

            foreach (var (definition, stamps) in earning)
            {
                var (card, earned) = await StampBook.AddAsync(db, definition, integrationEvent.MemberId, stamps, source, now, ct);
                changes.Add((definition.Name, stamps, StampBook.ToCard(definition, card, now), earned));
            }

            await transaction.CommitAsync(ct);
        }

        await timeline.RecordAsync(integrationEvent.MemberId, now, source.Key, changes, ct);
    }
}
