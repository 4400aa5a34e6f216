using Membership.Contracts.Stamps;
using Membership.Stamps.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Stamps.Cards;

/// <summary>What a batch of stamps is for, written on each entry it creates.</summary>
internal sealed record StampSource(string Key, string Source, Guid? PurchaseId, decimal? Amount, string? Reason, string? RecordedBy);

/// <summary>
/// Puts stamps on a member's cards inside the caller's transaction. The caller first takes the member's lock
/// (<see cref="LockMemberAsync"/>), so two purchases at once never read the same count and lose a stamp, and a source
/// key is checked and written by one transaction at a time.
/// </summary>
internal static class StampBook
{
    public static Task LockMemberAsync(StampsDbContext db, Guid memberId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"stamps:" + memberId}, 0))", ct);

    public static Task<bool> WasAppliedAsync(StampsDbContext db, string sourceKey, CancellationToken ct) =>
        db.Entries.AnyAsync(e => e.SourceKey == sourceKey, ct);

    /// <summary>The member's open card of the definition; an expired one is closed first (the next stamp starts a new card).</summary>
    public static async Task<StampCardRow?> OpenCardAsync(StampsDbContext db, Guid memberId, Guid definitionId, DateTimeOffset now, CancellationToken ct)
    {
        var card = await db.Cards.FirstOrDefaultAsync(c => c.MemberId == memberId && c.DefinitionId == definitionId && c.ClosedAt == null, ct);
        if (card is not null && card.ExpiresAt <= now)
        {
            card.ClosedAt = now;
            await db.SaveChangesAsync(ct);
            return null;
        }

        return card;
    }

    /// <summary>Adds <paramref name="stamps"/>, completing cards and starting new ones as needed; saves.</summary>
    /// <returns>The open card afterwards (null when the last one was just completed) and the rewards reached.</returns>
    public static async Task<(StampCardRow? Card, List<StampReward> Earned)> AddAsync(
        StampsDbContext db, StampCardDefinition definition, Guid memberId, int stamps, StampSource source, DateTimeOffset now, CancellationToken ct)
    {
        var earned = new List<StampReward>();
        var card = await OpenCardAsync(db, memberId, definition.Id, now, ct);
        var remaining = stamps;
        while (remaining > 0)
        {
            if (card is null)
            {
                card = new StampCardRow
                {
                    Id = Guid.CreateVersion7(), DefinitionId = definition.Id, MemberId = memberId,
                    StartedAt = now, ExpiresAt = now.AddDays(definition.ValidityDays),
                };
                db.Cards.Add(card);
            }

            var added = Math.Min(remaining, definition.TotalStamps - card.Stamps);
            var before = card.Stamps;
            card.Stamps += added;
            remaining -= added;
            db.Entries.Add(Entry(card, source, added, now));
            foreach (var reward in definition.Rewards.Where(r => r.Threshold > before && r.Threshold <= card.Stamps))
            {
                earned.Add(reward);
                db.Rewards.Add(new EarnedRewardRow
                {
                    Id = Guid.CreateVersion7(), CardId = card.Id, MemberId = memberId, DefinitionId = definition.Id,
                    Threshold = reward.Threshold, Description = reward.Description, EarnedAt = now,
                });
            }

            if (card.Stamps >= definition.TotalStamps)
            {
                card.CompletedAt = now;
                card.ClosedAt = now;
                card = null;
            }

            // Save each card before the next opens: one open card per member and definition is a unique index.
            await db.SaveChangesAsync(ct);
        }

        return (card, earned);
    }

    /// <summary>Takes up to <paramref name="stamps"/> back from an open card; rewards above the new count not yet handed out are withdrawn.</summary>
    public static async Task<int> RemoveAsync(StampsDbContext db, StampCardRow card, int stamps, StampSource source, DateTimeOffset now, CancellationToken ct)
    {
        var removed = Math.Min(Math.Max(0, stamps), card.Stamps);
        card.Stamps -= removed;
        db.Entries.Add(Entry(card, source, -removed, now));
        await db.Rewards.Where(r => r.CardId == card.Id && r.Threshold > card.Stamps && r.HandedOutAt == null).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return removed;
    }

    public static StampCard ToCard(StampCardDefinition definition, StampCardRow? card, DateTimeOffset now) => card is null
        ? new StampCard(null, definition.Id, definition.Name, 0, definition.TotalStamps, definition.Rewards, StampCardStatus.NotStarted, null, null)
        : new StampCard(card.Id, definition.Id, definition.Name, card.Stamps, definition.TotalStamps, definition.Rewards, StatusOf(card, now), card.StartedAt, card.ExpiresAt);

    public static StampCardStatus StatusOf(StampCardRow card, DateTimeOffset now) =>
        card.CompletedAt is not null ? StampCardStatus.Completed
        : card.ExpiresAt <= now ? StampCardStatus.Expired
        : StampCardStatus.Active;

    private static StampEntryRow Entry(StampCardRow card, StampSource source, int stamps, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        CardId = card.Id,
        MemberId = card.MemberId,
        DefinitionId = card.DefinitionId,
        SourceKey = source.Key,
        Source = source.Source,
        PurchaseId = source.PurchaseId,
        Amount = source.Amount,
        Stamps = stamps,
        Reason = source.Reason,
        RecordedBy = source.RecordedBy,
        OccurredAt = now,
    };
}
