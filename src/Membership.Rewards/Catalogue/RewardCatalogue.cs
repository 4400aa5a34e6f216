using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Contracts.Rewards;
using Membership.Rewards.Persistence;
using Membership.Shared.Paging;
using Membership.Shared.Tiers;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace Membership.Rewards.Catalogue;

/// <summary>The Owner's and Marketer's catalogue, and what a member can redeem now.</summary>
internal sealed class RewardCatalogue(
    IDbContextFactory<RewardsDbContext> factory,
    IPointsModule points,
    IServiceProvider services,
    TimeProvider clock)
{
    public async Task<PagedResult<Reward>> ListAsync(PageRequest page, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Rewards.AsNoTracking().OrderByDescending(r => r.Active).ThenBy(r => r.PointsCost).ThenBy(r => r.Name);
        var result = await query.ToPagedResultAsync(page, ct);
        return new PagedResult<Reward>(result.Items.Select(r => r.ToContract()).ToList(), result.TotalCount, result.Page, result.PageSize);
    }

    public async Task<Reward?> GetAsync(Guid rewardId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Rewards.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rewardId, ct))?.ToContract();
    }

    public async Task<Reward> SaveAsync(SaveRewardRequest request, CancellationToken ct)
    {
        RewardInput.Validate(request);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var reward = request.Id is { } id ? await db.Rewards.SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        if (request.Id is not null && reward is null)
        {
            throw new RewardValidationException(new Dictionary<string, string> { ["id"] = "NotFound" });
        }

        if (reward is null)
        {
            reward = new RewardItem { Id = Guid.CreateVersion7(), Name = "", CreatedAt = now };
            db.Rewards.Add(reward);
        }

        reward.Name = request.Name.Trim();
        reward.NameEn = string.IsNullOrWhiteSpace(request.NameEn) ? null : request.NameEn.Trim();
        reward.ImageUrl = string.IsNullOrWhiteSpace(request.ImageUrl) ? null : request.ImageUrl.Trim();
        reward.PointsCost = request.PointsCost;
        reward.Stock = request.Stock;
        reward.ValidFrom = request.ValidFrom;
        reward.ValidTo = request.ValidTo;
        reward.MinTierRank = request.MinTierRank;
        reward.Active = request.Active;
        reward.UpdatedAt = now;
        reward.UpdatedBy = request.ChangedBy;
        await db.SaveChangesAsync(ct);
        return reward.ToContract();
    }

    public async Task<MemberRewardOffers> GetOffersAsync(Guid memberId, bool affordableOnly, CancellationToken ct)
    {
        var balance = (await points.GetBalanceAsync(memberId, ct)).Balance;
        var rank = await services.TierRankOfAsync(memberId, ct);
        var today = TaipeiTime.Today(clock);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rewards = await Available(db.Rewards.AsNoTracking(), today)
            .Where(r => r.MinTierRank <= rank && (!affordableOnly || r.PointsCost <= balance))
            .OrderBy(r => r.PointsCost).ThenBy(r => r.Name)
            .Take(100)
            .ToListAsync(ct);
        return new MemberRewardOffers(memberId, balance, rank, rewards.Select(r => r.ToContract()).ToList());
    }

    /// <summary>Active, within its validity (Taipei dates) and in stock.</summary>
    public static IQueryable<RewardItem> Available(IQueryable<RewardItem> rewards, DateOnly today) =>
        rewards.Where(r => r.Active
            && (r.ValidFrom == null || r.ValidFrom <= today)
            && (r.ValidTo == null || r.ValidTo >= today)
            && (r.Stock == null || r.Stock > 0));

    /// <summary>The same test as <see cref="Available"/> on one loaded reward, telling "no stock" apart from "not offered".</summary>
    public static RewardRedemptionOutcome? RefusalOf(RewardItem? reward, DateOnly today) => reward switch
    {
        null => RewardRedemptionOutcome.NotAvailable,
        { Active: false } => RewardRedemptionOutcome.NotAvailable,
        { ValidFrom: { } from } when from > today => RewardRedemptionOutcome.NotAvailable,
        { ValidTo: { } to } when to < today => RewardRedemptionOutcome.NotAvailable,
        { Stock: <= 0 } => RewardRedemptionOutcome.OutOfStock,
        _ => null,
    };
}
