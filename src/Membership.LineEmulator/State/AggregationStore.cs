namespace Membership.LineEmulator.State;

/// <summary>
/// Unit-based statistics (<c>customAggregationUnits</c> of push and multicast): who got a unit's messages, who
/// opened and who clicked them, by day in UTC+9 as LINE counts them. Opens and clicks come from the inspection API.
/// </summary>
internal sealed class AggregationStore(TimeProvider time)
{
    /// <summary>LINE returns values below this as null, for privacy.</summary>
    public const int PrivacyThreshold = 20;

    private static readonly TimeSpan LineOffset = TimeSpan.FromHours(9);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Unit> _units = new(StringComparer.Ordinal);

    public void Delivered(string unit, string userId, DateTimeOffset at) => Add(unit, u => u.Delivered, userId, at);

    public void Opened(string unit, string userId) => Add(unit, u => u.Impressions, userId, time.GetUtcNow());

    public void Clicked(string unit, string userId, string? url)
    {
        var now = time.GetUtcNow();
        Add(unit, u => u.Impressions, userId, now); // a click implies the message was seen
        Add(unit, u => u.Clicks, userId + "\n" + url, now);
    }

    /// <summary>Unique users who opened / clicked within the days (inclusive), or null when the unit is unknown.</summary>
    public (long UniqueImpression, long UniqueClick)? Statistics(string unit, DateOnly from, DateOnly to)
    {
        lock (_gate)
        {
            if (!_units.TryGetValue(unit, out var u))
            {
                return null;
            }

            long Unique(List<(DateOnly Day, string Key)> events, bool byUser) =>
                events.Where(e => e.Day >= from && e.Day <= to).Select(e => byUser ? e.Key.Split('\n')[0] : e.Key).Distinct(StringComparer.Ordinal).LongCount();
            return (Unique(u.Impressions, true), Unique(u.Clicks, true));
        }
    }

    /// <summary>The units used this month (UTC+9), in the order first used.</summary>
    public IReadOnlyList<string> UsedThisMonth()
    {
        var month = Day(time.GetUtcNow());
        lock (_gate)
        {
            return _units.Where(p => p.Value.FirstUsed.Year == month.Year && p.Value.FirstUsed.Month == month.Month)
                .OrderBy(p => p.Value.Order).Select(p => p.Key).ToList();
        }
    }

    private void Add(string unit, Func<Unit, List<(DateOnly, string)>> list, string key, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_units.TryGetValue(unit, out var u))
            {
                u = new Unit(Day(at), _units.Count);
                _units[unit] = u;
            }

            list(u).Add((Day(at), key));
        }
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(LineOffset).DateTime);

    private sealed record Unit(DateOnly FirstUsed, int Order)
    {
        public List<(DateOnly Day, string Key)> Delivered { get; } = [];

        public List<(DateOnly Day, string Key)> Impressions { get; } = [];

        public List<(DateOnly Day, string Key)> Clicks { get; } = [];
    }
}
