using System.Security.Claims;

namespace Membership.Web.Staff;

internal static class StaffNames
{
    /// <summary>Who a signed-in staff member is in records they leave ("changed by"): their e-mail, else their name.</summary>
    public static string StaffName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "?";
}
