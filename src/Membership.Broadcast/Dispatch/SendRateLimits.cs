using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Membership.Broadcast.Dispatch;

/// <summary>Token buckets per LINE endpoint for this process, refilled ten times a second, so LINE's limits are kept rather than met with 429s.</summary>
internal sealed class SendRateLimits(IOptions<BroadcastOptions> options) : IDisposable
{
    public RateLimiter Multicast { get; } = Bucket(options.Value.MulticastPerSecond);

    public RateLimiter Push { get; } = Bucket(options.Value.PushPerSecond);

    public void Dispose()
    {
        Multicast.Dispose();
        Push.Dispose();
    }

    private static TokenBucketRateLimiter Bucket(int perSecond)
    {
        // Ten refills a second at LINE's rates; one token per 1/n s below ten a second.
        var rate = Math.Max(perSecond, 1);
        var (perTick, period) = rate >= 10 ? (rate / 10, TimeSpan.FromMilliseconds(100)) : (1, TimeSpan.FromSeconds(1.0 / rate));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perTick,
            TokensPerPeriod = perTick,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
