using System.Security.Claims;
using Membership.Contracts.Common;
using Membership.Shared.Privacy;
using Microsoft.AspNetCore.Components.Authorization;

namespace Membership.Web.Members;

/// <summary>
/// Who may see members' mobiles and e-mails in full: Owners and Marketers, and anyone holding the
/// <see cref="ClaimType"/> claim with <see cref="FullValue"/> (granted by an Owner). Everyone else sees them masked.
/// </summary>
public sealed class PersonalDataVisibility(AuthenticationStateProvider authentication)
{
    public const string ClaimType = "membership:personal-data";
    public const string FullValue = "full";

    public static bool MaySeeInFull(ClaimsPrincipal user) =>
        user.IsInRole(StaffRoles.Owner) || user.IsInRole(StaffRoles.Marketer) || user.HasClaim(ClaimType, FullValue);

    /// <summary>The view of the signed-in staff member (of the request or the Blazor circuit).</summary>
    public async Task<PersonalDataView> CurrentAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return new PersonalDataView(MaySeeInFull(state.User));
    }
}

public sealed record PersonalDataView(bool InFull)
{
    public string Mobile(string? mobile) => string.IsNullOrEmpty(mobile) ? "" : InFull ? mobile : PersonalDataMask.Mobile(mobile);

    public string Email(string? email) => string.IsNullOrEmpty(email) ? "" : InFull ? email : PersonalDataMask.Email(email);
}
