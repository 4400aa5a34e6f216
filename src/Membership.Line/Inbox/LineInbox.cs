using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Line.Persistence;
using Membership.Shared.Paging;
using Microsoft.EntityFrameworkCore;

namespace Membership.Line.Inbox;

internal sealed class LineInbox(IDbContextFactory<LineDbContext> dbFactory, InboxSignal signal, IAuditTrail audit, TimeProvider clock)
    : ILineInbox
{
    public async Task<PagedResult<InboxEventSummary>> ListAsync(InboxEventStatus? status, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = db.InboxEvents.AsNoTracking();
        if (status is { } wanted)
        {
            events = events.Where(e => e.Status == wanted);
        }

        return await events
            .OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id)
            .Select(e => new InboxEventSummary(e.Id, e.WebhookEventId, e.EventType, e.LineUserId, e.OccurredAt, e.ReceivedAt,
                e.IsRedelivery, e.Status, e.Attempts, e.LastError, e.HandledAt))
            .ToPagedResultAsync(page, ct);
    }

    public async Task<IReadOnlyDictionary<InboxEventStatus, int>> CountByStatusAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.InboxEvents.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<InboxEventStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    public async Task<bool> RetryAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var changed = await db.InboxEvents
            .Where(e => e.Id == id && e.Status == InboxEventStatus.Parked)
            .ExecuteUpdateAsync(e => e
                .SetProperty(x => x.Status, InboxEventStatus.Pending)
                .SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.NextAttemptAt, now), ct);
        if (changed == 0)
        {
            return false;
        }

        signal.Notify();
        await audit.RecordAsync(new AuditRecord("line.inbox-retried", "line-event", id.ToString()), ct);
        return true;
    }
}
