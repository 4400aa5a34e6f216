namespace Membership.Contracts.Common;

/// <summary>The staff roles. Owner can do everything; Marketer runs campaigns; Staff works the counter.</summary>
public static class StaffRoles
{
    public const string Owner = "Owner";
    public const string Marketer = "Marketer";
    public const string Staff = "Staff";

    public const string OwnerOrMarketer = Owner + "," + Marketer;

    public static IReadOnlyList<string> All { get; } = [Owner, Marketer, Staff];
}
