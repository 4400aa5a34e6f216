using Membership.Shared.Privacy;
using Microsoft.AspNetCore.Components.Authorization;

namespace Membership.Web.Members;

/// <summary>The <see cref="PersonalDataView"/> of the signed-in staff member (of the request or the Blazor circuit).</summary>
public sealed class PersonalDataVisibility(AuthenticationStateProvider authentication)
{
    public const string ClaimType = PersonalDataView.ClaimType;
    public const string FullValue = PersonalDataView.FullValue;

    public static bool MaySeeInFull(System.Security.Claims.ClaimsPrincipal user) => PersonalDataView.MaySeeInFull(user);

    public async Task<PersonalDataView> CurrentAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return PersonalDataView.For(state.User);
    }
}
