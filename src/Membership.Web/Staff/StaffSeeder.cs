using Membership.Contracts.Common;
using Microsoft.AspNetCore.Identity;

namespace Membership.Web.Staff;

/// <summary>
/// Creates the three roles on every start; in demo mode also the demo Owner, Marketer and Staff
/// accounts, whose password follows <c>MEMBERSHIP_DEMO_PASSWORD</c> on each start.
/// </summary>
public sealed class StaffSeeder(
    UserManager<StaffUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<StaffSeeder> logger)
{
    public const string DefaultDemoPassword = "Membership!2026";

    public static IReadOnlyList<(string Email, string Name, string Role)> DemoAccounts { get; } =
    [
        ("owner@demo.local", "王店長", StaffRoles.Owner),
        ("marketer@demo.local", "林行銷", StaffRoles.Marketer),
        ("staff@demo.local", "陳店員", StaffRoles.Staff),
    ];

    public async Task SeedAsync()
    {
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }

        if (configuration.GetValue("Demo:Enabled", false))
        {
            await SeedDemoAccountsAsync();
        }
    }

    private async Task SeedDemoAccountsAsync()
    {
        var configured = configuration["MEMBERSHIP_DEMO_PASSWORD"];
        var password = string.IsNullOrEmpty(configured) ? DefaultDemoPassword : configured;
        foreach (var (email, name, role) in DemoAccounts)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new StaffUser
                {
                    Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true,
                    DisplayName = name, CreatedAt = clock.GetUtcNow(),
                };
                Check(await users.CreateAsync(user, password), email);
                Check(await users.AddToRoleAsync(user, role), email);
            }
            else if (!await users.CheckPasswordAsync(user, password))
            {
                Check(await users.RemovePasswordAsync(user), email);
                Check(await users.AddPasswordAsync(user, password), email);
            }
        }

        logger.LogWarning(
            "Demo mode: staff accounts {Accounts} sign in with {PasswordSource}",
            string.Join(", ", DemoAccounts.Select(a => a.Email)),
            string.IsNullOrEmpty(configured) ? $"the default demo password '{DefaultDemoPassword}'" : "the password in MEMBERSHIP_DEMO_PASSWORD");
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not seed demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
