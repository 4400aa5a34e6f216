using System.Diagnostics;

namespace Membership.Benchmarks.Infrastructure;

/// <summary>
/// Every recorded latency, counted in 10 µs buckets up to 5 s (slower ones share the last bucket); the maximum is
/// kept exactly. Safe to record from many workers at once.
/// </summary>
internal sealed class LatencyHistogram
{
    private const long BucketMicroseconds = 10;
    private const int Buckets = 500_000;

    private readonly long[] _counts = new long[Buckets + 1];
    private long _count;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMilliseconds => Interlocked.Read(ref _maxTicks) * 1000.0 / Stopwatch.Frequency;

    public void Record(long elapsedTicks)
    {
        var micros = elapsedTicks * 1_000_000 / Stopwatch.Frequency;
        Interlocked.Increment(ref _counts[Math.Min(micros / BucketMicroseconds, Buckets)]);
        Interlocked.Increment(ref _count);
        var max = Interlocked.Read(ref _maxTicks);
        while (elapsedTicks > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxTicks, elapsedTicks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The latency (ms, upper edge of its bucket) that <paramref name="percentile"/> % of requests did not exceed.</summary>
    public double Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(total * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min((i + 1) * BucketMicroseconds / 1000.0, MaxMilliseconds);
            }
        }

        return MaxMilliseconds;
    }
}
