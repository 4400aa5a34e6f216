using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Rewards;
using Membership.Rewards.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Rewards.Redemption;

/// <summary>
/// Moves a redemption from one status to the next with conditional updates (<c>WHERE status = …</c>), so a retry, the
/// counter and the expiry job racing on one redemption settle it exactly once; stock goes back in the same transaction.
/// </summary>
internal sealed class RedemptionSettlement(
    IDbContextFactory<RewardsDbContext> factory,
    IPointsModule points,
    IMembersModule members,
    TimeProvider clock)
{
    public async Task<RedemptionRecord?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Redemptions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Points were short: the reserved stock goes back.</summary>
    public async Task<RewardRedemption?> RefuseAsync(Guid id, CancellationToken ct)
    {
        await GiveBackAsync(id, [RewardRedemptionStatus.Reserving], RewardRedemptionStatus.Refused, ct);
        return (await GetAsync(id, ct))?.ToContract();
    }

    public async Task<RedemptionRecord?> MarkPendingAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var moved = await db.Redemptions
            .Where(r => r.Id == id && r.Status == RewardRedemptionStatus.Reserving && r.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, RewardRedemptionStatus.Pending), ct);
        return moved == 1 ? await GetAsync(id, ct) : null;
    }

    /// <returns>The completed redemption, or null when it was no longer in <paramref name="from"/> or its window passed.</returns>
    public async Task<RedemptionRecord?> CompleteAsync(Guid id, RewardRedemptionStatus from, string? by, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var moved = await db.Redemptions
                .Where(r => r.Id == id && r.Status == from && r.ExpiresAt > now)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.Status, RewardRedemptionStatus.Completed)
                    .SetProperty(r => r.CompletedAt, now)
                    .SetProperty(r => r.CompletedBy, by), ct);
            if (moved == 0)
            {
                return null;
            }

            var rewardId = await db.Redemptions.Where(r => r.Id == id).Select(r => r.RewardId).SingleAsync(ct);
            await db.Rewards.Where(r => r.Id == rewardId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.RedeemedCount, r => r.RedeemedCount + 1), ct);
            await transaction.CommitAsync(ct);
        }

        var completed = (await GetAsync(id, ct))!;
        await members.RecordTimelineEntryAsync(new MemberTimelineEntry(
            completed.MemberId, now, TimelineKinds.Reward, $"{completed.RewardName}（-{completed.Points} 點）", $"rewards:redemption:{id}"), ct);
        return completed;
    }

    /// <summary>An unconfirmed (or stuck) redemption past its window: points back first (idempotent), then stock and status.</summary>
    /// <returns>True when this call rolled it back.</returns>
    public async Task<bool> RollBackAsync(RedemptionRecord record, CancellationToken ct)
    {
        var reversed = await points.ReverseRedemptionAsync(
            new ReverseRedemptionRequest(record.MemberId, RewardPoints.KeyOf(record.Id), $"兌換 {record.RewardName} 逾時未確認"), ct);
        // A redemption still reserving may have stopped before its points were spent: then there is nothing to give back.
        if (reversed is null && record.Status != RewardRedemptionStatus.Reserving)
        {
            throw new InvalidOperationException($"Reward redemption {record.Id} is {record.Status}, but the Points module has no redemption of its points.");
        }

        return await GiveBackAsync(record.Id, [RewardRedemptionStatus.Pending, RewardRedemptionStatus.Reserving], RewardRedemptionStatus.Expired, ct);
    }

    private async Task<bool> GiveBackAsync(Guid id, RewardRedemptionStatus[] from, RewardRedemptionStatus to, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Redemptions
            .Where(r => r.Id == id && from.Contains(r.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, to), ct);
        if (moved == 0)
        {
            return false;
        }

        var rewardId = await db.Redemptions.Where(r => r.Id == id).Select(r => r.RewardId).SingleAsync(ct);
        await db.Rewards.Where(r => r.Id == rewardId && r.Stock != null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Stock, r => r.Stock + 1), ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
