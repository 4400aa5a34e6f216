using System.Globalization;
using Membership.Contracts.Tiers;

namespace Membership.Web.Components.Pages.Tiers;

/// <summary>How tier amounts read: NT$ for spend, points otherwise.</summary>
internal static class TierText
{
    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static string Amount(TierBasis basis, decimal value) => basis == TierBasis.Spend
        ? "NT$" + value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("#,0", CultureInfo.InvariantCulture) + (English ? " pts" : " 點");
}
