using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Points.Persistence;
using Membership.Shared.Paging;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace Membership.Points.Ledger;

/// <summary>Balances, ledger pages, purchases and the liability figures.</summary>
internal sealed class PointsQueries(IDbContextFactory<PointsDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan ExpiringWindow = TimeSpan.FromDays(30);

    public async Task<PointsBalance> GetBalanceAsync(Guid memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var soon = clock.GetUtcNow() + ExpiringWindow;
        var account = await db.Accounts.AsNoTracking().Where(a => a.MemberId == memberId)
            .Select(a => new
            {
                a.Balance,
                a.LifetimeEarned,
                Expiring = db.Lots.Where(l => l.MemberId == memberId && l.Remaining > 0 && l.ExpiresAt <= soon).Sum(l => (int?)l.Remaining) ?? 0,
                Next = db.Lots.Where(l => l.MemberId == memberId && l.Remaining > 0).Min(l => (DateTimeOffset?)l.ExpiresAt),
            })
            .FirstOrDefaultAsync(ct);
        return account is null
            ? new PointsBalance(memberId, 0, 0, null, 0)
            : new PointsBalance(
                memberId, account.Balance, account.Expiring,
                account.Next is { } next ? DateOnly.FromDateTime(TaipeiTime.ToTaipei(next).DateTime) : null, account.LifetimeEarned);
    }

    public async Task<PagedResult<PointsLedgerEntry>> GetLedgerAsync(Guid memberId, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Ledger.AsNoTracking().Where(e => e.MemberId == memberId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Select(e => new PointsLedgerEntry(e.Id, (LedgerEntryKind)e.Kind, e.Points, e.BalanceAfter, e.OccurredAt, e.ExpiresAt, e.Reason, e.RecordedBy))
            .ToPagedResultAsync(page, ct);
    }

    public async Task<PagedResult<PurchaseSummary>> GetPurchasesAsync(Guid memberId, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Purchases.AsNoTracking().Where(p => p.MemberId == memberId)
            .OrderByDescending(p => p.OccurredAt).ThenByDescending(p => p.Id)
            .Select(p => new PurchaseSummary(p.Id, p.StoreCode, p.ReceiptNumber, p.Total, p.RefundedAmount, p.OccurredAt, p.Channel, p.PointsEarned))
            .ToPagedResultAsync(page, ct);
    }

    public async Task<PointsLiability> GetLiabilityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inPeriod = db.Ledger.AsNoTracking().Where(e => e.OccurredAt >= from && e.OccurredAt < to);
        var byKind = await inPeriod.GroupBy(e => e.Kind)
            .Select(g => new { Kind = g.Key, Added = g.Sum(e => e.Points > 0 ? (long)e.Points : 0), Taken = g.Sum(e => e.Points < 0 ? -(long)e.Points : 0) })
            .ToListAsync(ct);
        var outstanding = await db.Accounts.SumAsync(a => (long)a.Balance, ct);
        var withPoints = await db.Accounts.CountAsync(a => a.Balance > 0, ct);
        long Taken(LedgerEntryKind kind) => byKind.Where(k => k.Kind == (int)kind).Sum(k => k.Taken);
        var issued = byKind.Where(k => k.Kind is (int)LedgerEntryKind.Earn or (int)LedgerEntryKind.Grant or (int)LedgerEntryKind.Adjust).Sum(k => k.Added);
        return new PointsLiability(
            (int)Math.Min(int.MaxValue, issued), (int)Math.Min(int.MaxValue, Taken(LedgerEntryKind.Redeem)),
            (int)Math.Min(int.MaxValue, Taken(LedgerEntryKind.Expire)), outstanding, withPoints);
    }
}
