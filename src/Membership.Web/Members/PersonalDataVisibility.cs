using Membership.Shared.Privacy;
using Microsoft.AspNetCore.Components.Authorization;

namespace Membership.Web.Members;

/// <summary>The <see cref="PersonalDataView"/> of the signed-in staff member (of the request or the Blazor circuit).</summary>
public sealed class PersonalDataVisibility(AuthenticationStateProvider authentication)
{
    public async Task<PersonalDataView> CurrentAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return PersonalDataView.For(state.User);
    }
}
