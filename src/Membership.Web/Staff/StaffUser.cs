using Microsoft.AspNetCore.Identity;

namespace Membership.Web.Staff;

/// <summary>A person who signs in to the admin console. Members are not staff users.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set for invited accounts and password resets: the first sign-in must choose a new password.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Granted by an Owner: sees members' mobiles and e-mails in full (Owners always do).</summary>
    public bool CanSeePersonalData { get; set; }
}
