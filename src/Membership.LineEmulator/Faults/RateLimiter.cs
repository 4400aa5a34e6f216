namespace Membership.LineEmulator.Faults;

/// <summary>
/// Per-endpoint token buckets with LINE's default limits (ref#rate-limits). An override sets the number of requests
/// per the endpoint's own period (per second for push, per hour for narrowcast and broadcast...).
/// </summary>
internal sealed class RateLimiter(TimeProvider time)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static readonly Dictionary<string, (int Limit, TimeSpan Period)> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["reply"] = (2000, Second),
        ["push"] = (2000, Second),
        ["multicast"] = (200, Second),
        ["narrowcast"] = (60, Hour),
        ["broadcast"] = (60, Hour),
        ["richmenu-create"] = (100, Hour),
        ["webhook-endpoint"] = (1000, Minute),
        ["loading"] = (100, Second),
        ["other"] = (2000, Second),
    };

    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private Dictionary<string, int> _overrides = new(StringComparer.OrdinalIgnoreCase);

    public void SetOverrides(IReadOnlyDictionary<string, int>? overrides)
    {
        lock (_gate)
        {
            _overrides = new Dictionary<string, int>(overrides ?? new Dictionary<string, int>(), StringComparer.OrdinalIgnoreCase);
            _buckets.Clear();
        }
    }

    public bool TryAcquire(string endpoint)
    {
        var key = Defaults.ContainsKey(endpoint) ? endpoint : "other";
        var (limit, period) = Defaults[key];
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_overrides.TryGetValue(endpoint, out var custom))
            {
                limit = custom;
                key = endpoint;
            }

            if (limit <= 0)
            {
                return false;
            }

            if (!_buckets.TryGetValue(key, out var bucket) || bucket.Capacity != limit)
            {
                bucket = new Bucket(limit, limit, now);
            }

            var refill = (now - bucket.UpdatedAt) / period * limit;
            var tokens = Math.Min(limit, bucket.Tokens + Math.Max(refill, 0));
            var allowed = tokens >= 1;
            _buckets[key] = new Bucket(limit, allowed ? tokens - 1 : tokens, now);
            return allowed;
        }
    }

    private sealed record Bucket(int Capacity, double Tokens, DateTimeOffset UpdatedAt);
}
