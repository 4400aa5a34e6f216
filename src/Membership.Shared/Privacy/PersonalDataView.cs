using System.Security.Claims;
using Membership.Contracts.Common;

namespace Membership.Shared.Privacy;

/// <summary>
/// How one staff member sees members' mobiles and e-mails: in full for Owners and Marketers and anyone holding the
/// <see cref="ClaimType"/> claim with <see cref="FullValue"/> (granted by an Owner); masked for everyone else.
/// </summary>
public sealed record PersonalDataView(bool InFull)
{
    public const string ClaimType = "membership:personal-data";
    public const string FullValue = "full";

    public static bool MaySeeInFull(ClaimsPrincipal user) =>
        user.IsInRole(StaffRoles.Owner) || user.IsInRole(StaffRoles.Marketer) || user.HasClaim(ClaimType, FullValue);

    public static PersonalDataView For(ClaimsPrincipal user) => new(MaySeeInFull(user));

    public string Mobile(string? mobile) => string.IsNullOrEmpty(mobile) ? "" : InFull ? mobile : PersonalDataMask.Mobile(mobile);

    public string Email(string? email) => string.IsNullOrEmpty(email) ? "" : InFull ? email : PersonalDataMask.Email(email);
}
