using Membership.Contracts.Line;
using Microsoft.Extensions.Logging;

namespace Membership.Broadcast.Campaigns;

/// <summary>LINE's remaining monthly messages: the quota API's value minus this month's consumption.</summary>
internal sealed partial class QuotaCheck(ILineMessagingClient line, ILogger<QuotaCheck> logger)
{
    /// <returns>(known, remaining): remaining null with known = true when the plan has no limit; known = false when LINE
    /// could not be asked (the send is then not refused on the quota: LINE itself refuses beyond it).</returns>
    public async Task<(bool Known, long? Remaining)> RemainingAsync(CancellationToken ct)
    {
        try
        {
            var quota = await line.GetMessageQuotaAsync(ct);
            if (quota.Type != "limited" || quota.Value is not { } limit)
            {
                return (true, null);
            }

            var used = await line.GetMessageQuotaConsumptionAsync(ct);
            return (true, Math.Max(limit - used.TotalUsage, 0));
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            LogQuotaUnknown(logger, ex.Message);
            return (false, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE's message quota could not be read: {Reason}")]
    private static partial void LogQuotaUnknown(ILogger logger, string reason);
}
