using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Rewards;
using Membership.Rewards.Catalogue;
using Membership.Rewards.Persistence;
using Membership.Shared.Codes;
using Membership.Shared.Tiers;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Membership.Rewards.Redemption;

/// <summary>
/// Redeeming a reward in steps that can each be retried: (1) reserve one unit of stock with a conditional update and
/// record the redemption (one transaction); (2) spend the points through the Points module, keyed by the redemption id;
/// (3) settle: completed (counter), pending with a code (LINE), or refused with the stock given back. A retry with the
/// same idempotency key resumes where the first attempt stopped; what is left stuck is rolled back by the expiry job.
/// </summary>
internal sealed class RewardRedemptions(
    IDbContextFactory<RewardsDbContext> factory,
    IPointsModule points,
    IMembersModule members,
    IServiceProvider services,
    RedemptionSettlement settlement,
    IOptions<RewardsOptions> options,
    TimeProvider clock)
{
    public async Task<RewardRedemptionResult> RedeemAsync(RedeemRewardRequest request, bool pending, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        if (await FindAsync(request, ct) is { } earlier)
        {
            return await ResumeAsync(earlier, ct);
        }

        if (await members.GetAsync(request.MemberId, ct) is null)
        {
            return new RewardRedemptionResult(RewardRedemptionOutcome.MemberNotFound, null);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var today = TaipeiTime.Today(clock);
        var reward = await db.Rewards.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.RewardId, ct);
        // One read decides: a second query could see the last unit go between the two and misreport it as "not offered".
        if (RewardCatalogue.RefusalOf(reward, today) is { } refusal)
        {
            return new RewardRedemptionResult(refusal, null);
        }

        if (await services.TierRankOfAsync(request.MemberId, ct) < reward!.MinTierRank)
        {
            return new RewardRedemptionResult(RewardRedemptionOutcome.TierTooLow, null);
        }

        // Saves reserving stock for nothing; the Points module still decides when points are spent.
        var balance = await points.GetBalanceAsync(request.MemberId, ct);
        if (balance.Balance < reward.PointsCost)
        {
            return new RewardRedemptionResult(RewardRedemptionOutcome.InsufficientPoints, null, balance.Balance);
        }

        var record = await ReserveAsync(db, request, reward, pending, today, ct);
        return record is null
            ? new RewardRedemptionResult(RewardRedemptionOutcome.OutOfStock, null)
            : await ResumeAsync(record, ct);
    }

    /// <returns>The reserved redemption, the earlier one when the key raced, or null when the stock ran out.</returns>
    private async Task<RedemptionRecord?> ReserveAsync(
        RewardsDbContext db, RedeemRewardRequest request, RewardItem reward, bool pending, DateOnly today, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var record = new RedemptionRecord
            {
                Id = Guid.CreateVersion7(),
                MemberId = request.MemberId,
                RewardId = reward.Id,
                RewardName = reward.Name,
                Points = reward.PointsCost,
                Status = RewardRedemptionStatus.Reserving,
                Code = pending ? OneTimeCodes.Generate(RedemptionRecord.CodeLength) : null,
                Channel = pending ? "line" : "counter",
                IdempotencyKey = request.IdempotencyKey,
                RecordedBy = request.RecordedBy,
                CreatedAt = now,
                ExpiresAt = now + options.Value.PendingWindow,
            };
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var reserved = await RewardCatalogue.Available(db.Rewards, today)
                .Where(r => r.Id == reward.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Stock, r => r.Stock - 1), ct);
            if (reserved == 0)
            {
                return null;
            }

            db.Redemptions.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return record;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
            {
                await transaction.RollbackAsync(ct);
                if (unique.ConstraintName != "ux_rewards_redemptions_pending_code" || attempt >= 5)
                {
                    return await FindAsync(request, ct) ?? throw new InvalidOperationException("A redemption raced and vanished.", ex);
                }
            }
        }
    }

    private async Task<RewardRedemptionResult> ResumeAsync(RedemptionRecord record, CancellationToken ct) => record.Status switch
    {
        RewardRedemptionStatus.Reserving => await SpendAsync(record, ct),
        RewardRedemptionStatus.Refused => new RewardRedemptionResult(RewardRedemptionOutcome.InsufficientPoints, record.ToContract()),
        RewardRedemptionStatus.Expired => new RewardRedemptionResult(RewardRedemptionOutcome.CodeExpired, record.ToContract()),
        _ => new RewardRedemptionResult(RewardRedemptionOutcome.Replayed, record.ToContract()),
    };

    private async Task<RewardRedemptionResult> SpendAsync(RedemptionRecord record, CancellationToken ct)
    {
        var spent = await points.RedeemAsync(new RedeemPointsRequest(
            record.MemberId, record.Points, $"兌換 {record.RewardName}", RewardPoints.KeyOf(record.Id), "reward", record.RecordedBy), ct);
        if (!spent.Succeeded)
        {
            var refused = await settlement.RefuseAsync(record.Id, ct);
            return new RewardRedemptionResult(RewardRedemptionOutcome.InsufficientPoints, refused, spent.Balance);
        }

        var settled = record.Channel == "line"
            ? await settlement.MarkPendingAsync(record.Id, ct)
            : await settlement.CompleteAsync(record.Id, RewardRedemptionStatus.Reserving, record.RecordedBy, ct);
        if (settled is null)
        {
            // The expiry job rolled it back while the points were being spent (a very late retry).
            return new RewardRedemptionResult(RewardRedemptionOutcome.CodeExpired, (await settlement.GetAsync(record.Id, ct))?.ToContract());
        }

        var outcome = settled.Status == RewardRedemptionStatus.Pending ? RewardRedemptionOutcome.Pending : RewardRedemptionOutcome.Completed;
        return new RewardRedemptionResult(outcome, settled.ToContract(), spent.Balance);
    }

    private async Task<RedemptionRecord?> FindAsync(RedeemRewardRequest request, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Redemptions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.MemberId == request.MemberId && r.IdempotencyKey == request.IdempotencyKey, ct);
    }
}

internal static class RewardPoints
{
    /// <summary>The Points idempotency key of a redemption: its id, so a retry never spends twice.</summary>
    public static string KeyOf(Guid redemptionId) => redemptionId.ToString();
}

internal sealed class RewardsOptions
{
    public const string SectionName = "Rewards";

    /// <summary>How long a redemption asked for in LINE waits for the staff to confirm its code.</summary>
    public int PendingMinutes { get; set; } = 30;

    public TimeSpan PendingWindow => TimeSpan.FromMinutes(PendingMinutes);
}
