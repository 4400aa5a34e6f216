namespace Membership.Testing.Modules;

/// <summary>A clock tests move by hand (time-dependent logic: windows, expiry, birthdays).</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public AdjustableClock()
        : this(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;
}
