using Membership.Contracts.Rewards;
using Membership.Rewards.Persistence;
using Membership.Shared.Codes;
using Microsoft.EntityFrameworkCore;

namespace Membership.Rewards.Redemption;

/// <summary>Staff type the member's code at the counter: a pending redemption within its window becomes completed.</summary>
internal sealed class PendingConfirmation(IDbContextFactory<RewardsDbContext> factory, RedemptionSettlement settlement, TimeProvider clock)
{
    public async Task<RewardRedemptionResult> ConfirmAsync(string code, string confirmedBy, CancellationToken ct)
    {
        var normalized = OneTimeCodes.Normalize(code, RedemptionRecord.CodeLength);
        if (normalized is not { Length: RedemptionRecord.CodeLength })
        {
            return new RewardRedemptionResult(RewardRedemptionOutcome.UnknownCode, null);
        }

        RedemptionRecord? record;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // The pending one if any, else the latest with that code, to say why it cannot be confirmed.
            record = await db.Redemptions.AsNoTracking()
                .Where(r => r.Code == normalized)
                .OrderByDescending(r => r.Status == RewardRedemptionStatus.Pending).ThenByDescending(r => r.CreatedAt)
                .FirstOrDefaultAsync(ct);
        }

        if (record is null)
        {
            return new RewardRedemptionResult(RewardRedemptionOutcome.UnknownCode, null);
        }

        if (record.Status == RewardRedemptionStatus.Pending && record.ExpiresAt <= clock.GetUtcNow())
        {
            await settlement.RollBackAsync(record, ct); // the job would do it within a minute; the member is at the counter now
            return new RewardRedemptionResult(RewardRedemptionOutcome.CodeExpired, (await settlement.GetAsync(record.Id, ct))?.ToContract());
        }

        if (record.Status == RewardRedemptionStatus.Pending && await settlement.CompleteAsync(record.Id, RewardRedemptionStatus.Pending, confirmedBy, ct) is { } done)
        {
            return new RewardRedemptionResult(RewardRedemptionOutcome.Completed, done.ToContract());
        }

        var latest = (await settlement.GetAsync(record.Id, ct))!;
        var outcome = latest.Status switch
        {
            RewardRedemptionStatus.Completed => RewardRedemptionOutcome.AlreadyConfirmed,
            RewardRedemptionStatus.Expired => RewardRedemptionOutcome.CodeExpired,
            _ => RewardRedemptionOutcome.UnknownCode,
        };
        return new RewardRedemptionResult(outcome, latest.ToContract());
    }
}
