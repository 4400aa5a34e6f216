using Membership.Shared.Time;

namespace Membership.Shared.Tests.Time;

public sealed class TaipeiTimeTests
{
    [Fact]
    public void Taipei_is_eight_hours_ahead_of_utc_all_year()
    {
        var winter = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
        var summer = new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromHours(8), TaipeiTime.ToTaipei(winter).Offset);
        Assert.Equal(TimeSpan.FromHours(8), TaipeiTime.ToTaipei(summer).Offset);
    }

    [Fact]
    public void Late_evening_utc_is_already_the_next_day_in_taipei()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 31, 17, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2027, 1, 1), TaipeiTime.Today(clock));
        Assert.Equal("2027/01/01 01:30", TaipeiTime.Format(clock.GetUtcNow()));
    }

    [Fact]
    public void A_taipei_day_starts_at_sixteen_hundred_utc_the_day_before()
    {
        var start = TaipeiTime.StartOfDayUtc(new DateOnly(2026, 11, 25));

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }

    [Fact]
    public void Absent_instants_format_as_null() => Assert.Null(TaipeiTime.Format((DateTimeOffset?)null));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
