using Membership.Contracts.Common;
using Membership.Contracts.Rewards;
using Membership.Rewards.Catalogue;
using Membership.Rewards.Persistence;
using Membership.Rewards.Redemption;
using Microsoft.EntityFrameworkCore;

namespace Membership.Rewards;

internal sealed class RewardsModule(
    RewardCatalogue catalogue,
    RewardRedemptions redemptions,
    PendingConfirmation confirmation,
    IDbContextFactory<RewardsDbContext> factory) : IRewardsModule
{
    public Task<PagedResult<Reward>> ListRewardsAsync(PageRequest page, CancellationToken ct = default) => catalogue.ListAsync(page, ct);

    public Task<Reward?> GetRewardAsync(Guid rewardId, CancellationToken ct = default) => catalogue.GetAsync(rewardId, ct);

    public Task<Reward> SaveRewardAsync(SaveRewardRequest request, CancellationToken ct = default) => catalogue.SaveAsync(request, ct);

    public Task<MemberRewardOffers> GetOffersAsync(Guid memberId, bool affordableOnly, CancellationToken ct = default) =>
        catalogue.GetOffersAsync(memberId, affordableOnly, ct);

    public Task<RewardRedemptionResult> RedeemAtCounterAsync(RedeemRewardRequest request, CancellationToken ct = default) =>
        redemptions.RedeemAsync(request, pending: false, ct);

    public Task<RewardRedemptionResult> RequestPendingAsync(RedeemRewardRequest request, CancellationToken ct = default) =>
        redemptions.RedeemAsync(request, pending: true, ct);

    public Task<RewardRedemptionResult> ConfirmPendingAsync(string code, string confirmedBy, CancellationToken ct = default) =>
        confirmation.ConfirmAsync(code, confirmedBy, ct);

    public async Task<IReadOnlyList<RewardRedemption>> GetMemberRedemptionsAsync(Guid memberId, int take = 20, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var records = await db.Redemptions.AsNoTracking()
            .Where(r => r.MemberId == memberId)
            .OrderByDescending(r => r.CreatedAt)
            .Take(Math.Clamp(take, 1, 200))
            .ToListAsync(ct);
        return records.Select(r => r.ToContract()).ToList();
    }
}
