using Membership.Contracts.Broadcast;
using Membership.Shared.Time;

namespace Membership.Broadcast.Settings;

/// <summary>Quiet hours in Asia/Taipei, from start (inclusive) to end (exclusive), across midnight when start &gt; end; none when equal.</summary>
internal static class QuietHours
{
    public static bool Contains(BroadcastSettings settings, DateTimeOffset instant)
    {
        var time = TimeOnly.FromDateTime(TaipeiTime.ToTaipei(instant).DateTime);
        var (start, end) = (settings.QuietStart, settings.QuietEnd);
        return start != end && (start < end ? time >= start && time < end : time >= start || time < end);
    }

    /// <summary>The first instant after <paramref name="instant"/> outside quiet hours (itself when already outside).</summary>
    public static DateTimeOffset NextAllowed(BroadcastSettings settings, DateTimeOffset instant)
    {
        if (!Contains(settings, instant))
        {
            return instant;
        }

        var local = TaipeiTime.ToTaipei(instant);
        var endToday = new DateTimeOffset(local.Date.Add(settings.QuietEnd.ToTimeSpan()), local.Offset);
        return (endToday > local ? endToday : endToday.AddDays(1)).ToUniversalTime();
    }
}
