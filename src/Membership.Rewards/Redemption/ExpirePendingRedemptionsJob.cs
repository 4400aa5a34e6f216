using Membership.Contracts.Rewards;
using Membership.Rewards.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Membership.Rewards.Redemption;

/// <summary>Every minute: redemptions not confirmed (or left half-done) within their window give back points and stock. Idempotent.</summary>
internal sealed partial class ExpirePendingRedemptionsJob(
    IDbContextFactory<RewardsDbContext> factory,
    RedemptionSettlement settlement,
    TimeProvider clock,
    ILogger<ExpirePendingRedemptionsJob> logger)
{
    public const string RecurringId = "rewards:expire-pending-redemptions";

    /// <returns>How many were rolled back by this run.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<RedemptionRecord> due;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var now = clock.GetUtcNow();
            due = await db.Redemptions.AsNoTracking()
                .Where(r => (r.Status == RewardRedemptionStatus.Pending || r.Status == RewardRedemptionStatus.Reserving) && r.ExpiresAt <= now)
                .OrderBy(r => r.ExpiresAt)
                .Take(500)
                .ToListAsync(ct);
        }

        var rolledBack = 0;
        foreach (var record in due)
        {
            try
            {
                rolledBack += await settlement.RollBackAsync(record, ct) ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRollbackFailed(ex, record.Id); // retried by the next run
            }
        }

        if (rolledBack > 0)
        {
            LogRolledBack(rolledBack);
        }

        return rolledBack;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rolling back reward redemption {RedemptionId} failed; the next run retries")]
    private partial void LogRollbackFailed(Exception ex, Guid redemptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} unconfirmed reward redemptions rolled back")]
    private partial void LogRolledBack(int count);
}
