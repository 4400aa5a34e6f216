using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Line.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Line.Inbox;

/// <summary>
/// Erasure reaches the raw webhook payloads: every inbox event of the erased member's LINE user received up to the
/// erasure keeps only its id, type and times (the id still turns a late LINE redelivery away); the payload (message
/// texts, reply tokens) and the user id go, and events not handled yet are closed as ignored. Repeating it changes
/// nothing, so a redelivered event needs no bookkeeping.
/// </summary>
internal sealed class PurgeInboxOnMemberErased(IDbContextFactory<LineDbContext> dbFactory, TimeProvider clock) : IIntegrationEventHandler<MemberErased>
{
    public const string ErasedPayload = "{}";

    public async Task HandleAsync(MemberErased integrationEvent, Guid messageId, CancellationToken ct)
    {
        if (integrationEvent.LineUserId is not { Length: > 0 } userId)
        {
            return; // an offline-only member sent LINE nothing
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        // Only what arrived before the erasure: the same person may have followed again since, as a new member.
        await db.InboxEvents
            .Where(e => e.LineUserId == userId && e.ReceivedAt <= integrationEvent.ErasedAt)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Payload, ErasedPayload)
                .SetProperty(e => e.LineUserId, (string?)null)
                .SetProperty(e => e.LastError, (string?)null)
                .SetProperty(e => e.HandledAt, e => e.HandledAt ?? now)
                .SetProperty(e => e.Status, e => e.Status == InboxEventStatus.Handled ? InboxEventStatus.Handled : InboxEventStatus.Ignored), ct);
    }
}
