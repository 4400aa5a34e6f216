using System.Globalization;

namespace Membership.Shared.Time;

/// <summary>
/// Instants are stored in UTC; people read them in Asia/Taipei (UTC+8, no daylight saving).
/// </summary>
public static class TaipeiTime
{
    public const string ZoneId = "Asia/Taipei";

    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTimeOffset ToTaipei(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateTimeOffset Now(TimeProvider clock) => ToTaipei(clock.GetUtcNow());

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);

    /// <summary>The UTC instant at which the given Taipei calendar day starts.</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly taipeiDate)
    {
        var local = taipeiDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>"2026/11/25 19:22" in Taipei time, the way the console shows instants.</summary>
    public static string Format(DateTimeOffset instant, bool withSeconds = false) =>
        ToTaipei(instant).ToString(withSeconds ? "yyyy/MM/dd HH:mm:ss" : "yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? instant) => instant is null ? null : Format(instant.Value);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            // Containers without tzdata: Taiwan has kept UTC+8 without daylight saving since 1979.
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(8), "Taipei Standard Time", "Taipei Standard Time");
        }
    }
}
