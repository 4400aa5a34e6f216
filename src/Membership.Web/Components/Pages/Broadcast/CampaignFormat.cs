using System.Globalization;
using Membership.Contracts.Broadcast;
using Microsoft.Extensions.Localization;

namespace Membership.Web.Components.Pages.Broadcast;

/// <summary>How campaign figures read in the console: NT$ amounts, percentage points with their 95 % interval.</summary>
internal static class CampaignFormat
{
    public static string Money(decimal amount) => "NT$" + amount.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Percent(double rate) => rate.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>The conversion lift in percentage points with its interval, or "not enough data".</summary>
    public static string Lift(IStringLocalizer l, CampaignResults? results) => results?.ConversionLift is { } lift
        ? $"{Points(lift.Difference)} ({Points(lift.Low)} ~ {Points(lift.High)})"
        : results is { Sent: > 0 } ? l["Campaign.NotEnoughData"] : "—";

    public static string RevenueLift(IStringLocalizer l, CampaignResults results) => results.RevenueLift is { } lift
        ? $"{Signed(lift.Difference)} ({Signed(lift.Low)} ~ {Signed(lift.High)})"
        : l["Campaign.NotEnoughData"];

    private static string Points(double fraction) =>
        (fraction * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pt";

    private static string Signed(double amount) => (amount < 0 ? "-NT$" : "+NT$") + Math.Abs(amount).ToString("#,0.0", CultureInfo.InvariantCulture);
}
