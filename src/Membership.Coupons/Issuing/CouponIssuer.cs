using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Coupons.Persistence;
using Membership.Shared.Codes;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Coupons.Issuing;

/// <summary>
/// Issues a coupon: counts it against the definition's limit with a conditional update and stores it with a fresh
/// one-time code in one transaction; the unique idempotency key makes every kind of issue happen once.
/// </summary>
internal sealed class CouponIssuer(
    IDbContextFactory<CouponsDbContext> factory,
    IMembersModule members,
    CouponNotifier notifier,
    TimeProvider clock)
{
    /// <summary>Coupons with fixed dates but no end stay valid this long.</summary>
    private static readonly TimeSpan OpenEnded = TimeSpan.FromDays(3650);

    public async Task<IssueCouponResult> IssueAsync(IssueCouponRequest request, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        if (await FindAsync(request.IdempotencyKey, ct) is { } earlier)
        {
            return new IssueCouponResult(IssueCouponOutcome.Replayed, earlier);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var definition = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.DefinitionId, ct);
        if (definition is null)
        {
            return new IssueCouponResult(IssueCouponOutcome.DefinitionNotFound, null);
        }

        var now = clock.GetUtcNow();
        var today = TaipeiTime.Today(clock);
        if (!definition.Active || (definition.ValidDays is null && definition.ValidTo < today))
        {
            return new IssueCouponResult(IssueCouponOutcome.NotActive, null);
        }

        var member = await members.GetAsync(request.MemberId, ct);
        if (member is null || member.Status == MemberStatus.Erased)
        {
            return new IssueCouponResult(IssueCouponOutcome.MemberNotFound, null);
        }

        var (validFrom, validUntil) = definition.ValidDays is { } days
            ? (now, TaipeiTime.StartOfDayUtc(today.AddDays(days)))
            : (definition.ValidFrom is { } from ? TaipeiTime.StartOfDayUtc(from) : now,
               definition.ValidTo is { } to ? TaipeiTime.StartOfDayUtc(to.AddDays(1)) : now + OpenEnded);

        for (var attempt = 0; ; attempt++)
        {
            var coupon = new CouponRecord
            {
                Id = Guid.CreateVersion7(),
                DefinitionId = definition.Id,
                MemberId = member.Id,
                Code = OneTimeCodes.Generate(CouponRecord.CodeLength),
                IssuedAt = now,
                ValidFrom = validFrom,
                ValidUntil = validUntil,
                UsesAllowed = definition.UsesPerCoupon,
                IssuedBy = request.IssuedBy,
                IdempotencyKey = request.IdempotencyKey,
            };
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var counted = await db.Definitions
                .Where(d => d.Id == definition.Id && d.Active && (d.IssueLimit == null || d.IssuedCount < d.IssueLimit))
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.IssuedCount, d => d.IssuedCount + 1), ct);
            if (counted == 0)
            {
                return new IssueCouponResult(IssueCouponOutcome.IssueLimitReached, null);
            }

            db.Coupons.Add(coupon);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
            {
                await transaction.RollbackAsync(ct);
                if (unique.ConstraintName == "ix_coupons_coupons_code" && attempt < 5)
                {
                    continue; // an unlucky code: draw again
                }

                return new IssueCouponResult(IssueCouponOutcome.Replayed, await FindAsync(request.IdempotencyKey, ct));
            }

            var issued = coupon.ToContract(definition);
            await members.RecordTimelineEntryAsync(new MemberTimelineEntry(
                member.Id, now, TimelineKinds.Coupon, $"獲得優惠券 {definition.Name}", $"coupons:issued:{coupon.Id}"), ct);
            if (request.NotifyMember)
            {
                await notifier.NotifyIssuedAsync(member, issued, ct);
            }

            return new IssueCouponResult(IssueCouponOutcome.Issued, issued);
        }
    }

    private async Task<MemberCoupon?> FindAsync(string idempotencyKey, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Coupons.AsNoTracking()
            .Where(c => c.IdempotencyKey == idempotencyKey)
            .Join(db.Definitions, c => c.DefinitionId, d => d.Id, (c, d) => new { c, d })
            .SingleOrDefaultAsync(ct);
        return found?.c.ToContract(found.d);
    }
}
