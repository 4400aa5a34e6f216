using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Coupons.Definitions;
using Membership.Coupons.Issuing;
using Membership.Coupons.Persistence;
using Membership.Coupons.Redemption;
using Microsoft.EntityFrameworkCore;

namespace Membership.Coupons;

internal sealed class CouponsModule(
    CouponDefinitions definitions,
    CouponIssuer issuer,
    CouponRedemption redemption,
    IDbContextFactory<CouponsDbContext> factory,
    TimeProvider clock) : ICouponsModule
{
    public Task<PagedResult<CouponDefinition>> ListDefinitionsAsync(PageRequest page, CancellationToken ct = default) => definitions.ListAsync(page, ct);

    public Task<IReadOnlyList<CouponDefinition>> ListActiveDefinitionsAsync(CouponPurpose? purpose = null, CancellationToken ct = default) =>
        definitions.ListActiveAsync(purpose, ct);

    public Task<CouponDefinition> SaveDefinitionAsync(SaveCouponDefinitionRequest request, CancellationToken ct = default) => definitions.SaveAsync(request, ct);

    public Task<IssueCouponResult> IssueAsync(IssueCouponRequest request, CancellationToken ct = default) => issuer.IssueAsync(request, ct);

    public async Task<IReadOnlyList<MemberCoupon>> GetMemberCouponsAsync(Guid memberId, bool usableOnly, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Coupons.AsNoTracking()
            .Where(c => c.MemberId == memberId && (!usableOnly || (c.UsedCount < c.UsesAllowed && c.ValidUntil > now && c.ValidFrom <= now)))
            .OrderByDescending(c => c.IssuedAt)
            .Take(200)
            .Join(db.Definitions, c => c.DefinitionId, d => d.Id, (c, d) => new { c, d })
            .ToListAsync(ct);
        return found.Select(x => x.c.ToContract(x.d)).ToList();
    }

    public Task<CouponCheck> CheckAsync(string code, CancellationToken ct = default) => redemption.CheckAsync(code, ct);

    public Task<CouponCheck> RedeemAsync(RedeemCouponRequest request, CancellationToken ct = default) => redemption.RedeemAsync(request, ct);
}
