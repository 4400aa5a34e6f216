using System.ComponentModel.DataAnnotations;

namespace Membership.Web.Staff;

internal sealed class StaffOptions
{
    public const string Section = "Staff";

    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 20;

    [Range(1, 720)]
    public int SessionHours { get; set; } = 12;
}
