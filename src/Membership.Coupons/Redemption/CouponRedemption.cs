using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Coupons.Persistence;
using Membership.Shared.Codes;
using Microsoft.EntityFrameworkCore;

namespace Membership.Coupons.Redemption;

/// <summary>
/// Staff type or scan a code: it is looked up and judged (unknown, not yet valid, expired, used up), and used with a
/// conditional update, so of two counters redeeming one code at the same moment exactly one succeeds.
/// </summary>
internal sealed class CouponRedemption(IDbContextFactory<CouponsDbContext> factory, IMembersModule members, TimeProvider clock)
{
    public async Task<CouponCheck> CheckAsync(string code, CancellationToken ct)
    {
        var found = await FindAsync(code, ct);
        return found is null
            ? new CouponCheck(CouponCheckOutcome.UnknownCode, null)
            : new CouponCheck(Judge(found, clock.GetUtcNow()), found);
    }

    public async Task<CouponCheck> RedeemAsync(RedeemCouponRequest request, CancellationToken ct)
    {
        var check = await CheckAsync(request.Code, ct);
        if (check.Outcome != CouponCheckOutcome.Usable)
        {
            return check;
        }

        var coupon = check.Coupon!;
        var now = clock.GetUtcNow();
        var use = new CouponUse { Id = Guid.CreateVersion7(), CouponId = coupon.Id, RedeemedAt = now, RedeemedBy = request.RedeemedBy, StoreCode = request.StoreCode };
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var used = await db.Coupons
                .Where(c => c.Id == coupon.Id && c.UsedCount < c.UsesAllowed && c.ValidFrom <= now && c.ValidUntil > now)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.UsedCount, c => c.UsedCount + 1)
                    .SetProperty(c => c.LastUsedAt, now), ct);
            if (used == 0)
            {
                return await CheckAsync(request.Code, ct); // another counter was quicker
            }

            db.Uses.Add(use);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await members.RecordTimelineEntryAsync(new MemberTimelineEntry(
            coupon.MemberId, now, TimelineKinds.Coupon, $"使用優惠券 {coupon.Name}（{request.RedeemedBy}）", $"coupons:used:{use.Id}"), ct);
        return new CouponCheck(CouponCheckOutcome.Redeemed, await FindAsync(coupon.Code, ct));
    }

    internal static CouponCheckOutcome Judge(MemberCoupon coupon, DateTimeOffset now) =>
        coupon.UsedCount >= coupon.UsesAllowed ? CouponCheckOutcome.AlreadyUsed
        : now >= coupon.ValidUntil ? CouponCheckOutcome.Expired
        : now < coupon.ValidFrom ? CouponCheckOutcome.NotYetValid
        : CouponCheckOutcome.Usable;

    private async Task<MemberCoupon?> FindAsync(string code, CancellationToken ct)
    {
        if (OneTimeCodes.Normalize(code, CouponRecord.CodeLength) is not { Length: CouponRecord.CodeLength } normalized)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Coupons.AsNoTracking()
            .Where(c => c.Code == normalized)
            .Join(db.Definitions, c => c.DefinitionId, d => d.Id, (c, d) => new { c, d })
            .SingleOrDefaultAsync(ct);
        return found?.c.ToContract(found.d);
    }
}
