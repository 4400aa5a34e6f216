using System.Security.Claims;
using Membership.Contracts.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Membership.Web.Staff;

/// <summary>
/// Adds the display name, a marker while the account still has to replace its temporary password, and
/// <see cref="PersonalDataClaim"/> = <see cref="FullPersonalData"/> for Owners and for staff an Owner granted it.
/// </summary>
internal sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string MustChangePasswordClaim = "membership:must_change_password";
    public const string DisplayNameClaim = "membership:display_name";
    public const string PersonalDataClaim = "membership:personal-data";
    public const string FullPersonalData = "full";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        if (user.CanSeePersonalData || identity.HasClaim(Options.ClaimsIdentity.RoleClaimType, StaffRoles.Owner))
        {
            identity.AddClaim(new Claim(PersonalDataClaim, FullPersonalData));
        }

        return identity;
    }
}
