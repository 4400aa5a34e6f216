using Membership.Contracts.Points;
using Membership.Points.Persistence;
using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Membership.Points.Ledger;

/// <summary>Entries, lots and lot consumptions added to the context, saved by the caller's SaveChanges.</summary>
internal static class LedgerWrites
{
    public static LedgerEntry AddEntry(
        PointsDbContext db, Guid memberId, LedgerEntryKind kind, int points, int balanceAfter, DateTimeOffset occurredAt,
        string reason, string? recordedBy = null, DateTimeOffset? expiresAt = null, Guid? purchaseId = null, string? channel = null)
    {
        var entry = new LedgerEntry
        {
            Id = Guid.CreateVersion7(),
            MemberId = memberId,
            Kind = (int)kind,
            Points = points,
            BalanceAfter = balanceAfter,
            OccurredAt = occurredAt,
            ExpiresAt = expiresAt,
            Reason = Shorten(reason, 500),
            RecordedBy = Shorten(recordedBy, 256),
            PurchaseId = purchaseId,
            Channel = channel,
        };
        db.Ledger.Add(entry);
        return entry;
    }

    /// <summary>An entry that adds points (a grant or adjustment; a purchase's earn is <c>PurchaseWrite</c>) and the lot they are spent from.</summary>
    public static LedgerEntry AddCredit(
        PointsDbContext db, Guid memberId, LedgerEntryKind kind, int points, int balanceAfter, DateTimeOffset now, DateTimeOffset expiresAt,
        string reason, string? recordedBy = null)
    {
        var entry = AddEntry(db, memberId, kind, points, balanceAfter, now, reason, recordedBy, expiresAt);
        db.Lots.Add(new PointsLot
        {
            Id = Guid.CreateVersion7(),
            MemberId = memberId,
            EntryId = entry.Id,
            Points = points,
            Remaining = points,
            ExpiresAt = expiresAt,
            CreatedAt = now,
        });
        return entry;
    }

    public static void AddConsumptions(PointsDbContext db, Guid memberId, Guid entryId, IEnumerable<(Guid LotId, int Points)> taken)
    {
        foreach (var (lotId, points) in taken)
        {
            db.LotConsumptions.Add(new LotConsumption { Id = Guid.CreateVersion7(), EntryId = entryId, LotId = lotId, MemberId = memberId, Points = points });
        }
    }

    /// <summary>Saves <see cref="PointsBalanceChanged"/> for the entry in the outbox, with the change.</summary>
    public static void AddChangedEvent(PointsDbContext db, LedgerEntry entry)
    {
        db.Outbox.Add(OutboxMessage.For(
            new PointsBalanceChanged(entry.MemberId, entry.Id, (LedgerEntryKind)entry.Kind, entry.Points, entry.BalanceAfter, entry.Reason, entry.OccurredAt),
            entry.OccurredAt));
    }

    /// <summary>The account's new figures, written by the caller's SaveChanges (the row is locked by then).</summary>
    public static void SetAccount(PointsDbContext db, Guid memberId, int balance, int lifetimeEarned, DateTimeOffset now) =>
        db.Accounts.Attach(new PointsAccount { MemberId = memberId, Balance = balance, LifetimeEarned = lifetimeEarned, UpdatedAt = now })
            .State = EntityState.Modified;

    /// <summary>Stores the answer with the claimed key, in the same SaveChanges.</summary>
    public static void SetAnswer<T>(PointsDbContext db, string scope, string key, T answer)
    {
        var record = db.IdempotencyRecords.Attach(new IdempotencyRecord { Scope = scope, Key = key, RequestHash = "" });
        record.Entity.Response = IdempotentAnswers.Serialize(answer);
        record.Property(r => r.Response).IsModified = true;
    }

    /// <summary>The last Taipei day the points of a lot expiring at <paramref name="expiresAt"/> can be used (what members are told).</summary>
    public static DateOnly LastValidDay(DateTimeOffset expiresAt) =>
        DateOnly.FromDateTime(Shared.Time.TaipeiTime.ToTaipei(expiresAt).DateTime).AddDays(-1);

    /// <summary>Lots expire at the start of the Taipei day <paramref name="months"/> after the day they were earned.</summary>
    public static DateTimeOffset ExpiryOf(DateTimeOffset earnedAt, int months) =>
        Shared.Time.TaipeiTime.StartOfDayUtc(DateOnly.FromDateTime(Shared.Time.TaipeiTime.ToTaipei(earnedAt).DateTime).AddMonths(months));

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Shorten(string? text, int max) => text is { Length: var length } && length > max ? text[..max] : text;
}
