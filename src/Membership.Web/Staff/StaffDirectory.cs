using System.Security.Cryptography;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Web.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Membership.Web.Staff;

public sealed record StaffMember(
    Guid Id, string Email, string DisplayName, string Role, bool IsLocked, bool MustChangePassword,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, bool CanSeePersonalData = false);

public sealed record CreateStaffRequest(string Email, string DisplayName, string Role);

/// <summary>The result of creating or resetting an account: the temporary password is shown once, never stored in clear.</summary>
public sealed record StaffCredentials(Guid Id, string Email, string TemporaryPassword);

public sealed class StaffOperationException(string code) : Exception(code)
{
    /// <summary>A resource key under <c>Staff.Error.</c> the page shows.</summary>
    public string Code { get; } = code;
}

/// <summary>
/// Staff accounts for the Owner's page. Each operation uses its own scope, so a long-lived Blazor
/// circuit never keeps a DbContext or a UserManager between calls.
/// </summary>
public sealed class StaffDirectory(IServiceScopeFactory scopes, IDbContextFactory<AppDbContext> dbFactory, IAuditTrail audit, TimeProvider clock)
{
    public async Task<PagedResult<StaffMember>> ListAsync(PageRequest page, string? search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim()}%";
            users = users.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName, pattern));
        }

        var total = await users.CountAsync(ct);
        var rows = await users
            .OrderBy(u => u.Email)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.MustChangePassword, u.CreatedAt, u.LastSignInAt, u.CanSeePersonalData,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);

        var items = rows.Select(u => new StaffMember(
            u.Id, u.Email ?? "", u.DisplayName, u.Role ?? "", u.LockoutEnd > now, u.MustChangePassword, u.CreatedAt, u.LastSignInAt,
            u.CanSeePersonalData)).ToList();
        return new PagedResult<StaffMember>(items, total, page.Page, page.PageSize);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountByRoleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .GroupBy(name => name)
            .Select(g => new { Role = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return StaffRoles.All.ToDictionary(role => role, role => counts.FirstOrDefault(c => c.Role == role)?.Count ?? 0);
    }

    public async Task<StaffCredentials> CreateAsync(CreateStaffRequest request, CancellationToken ct = default)
    {
        EnsureKnownRole(request.Role);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = request.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new StaffOperationException("EmailTaken");
        }

        var password = GenerateTemporaryPassword();
        var user = new StaffUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = request.DisplayName.Trim(),
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow(),
        };
        ThrowOnFailure(await users.CreateAsync(user, password));
        ThrowOnFailure(await users.AddToRoleAsync(user, request.Role));
        await audit.RecordAsync(new AuditRecord("staff.created", "staff", user.Id.ToString(), $"role={request.Role}"), ct);
        return new StaffCredentials(user.Id, email, password);
    }

    public async Task SetRoleAsync(Guid userId, string role, CancellationToken ct = default)
    {
        EnsureKnownRole(role);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new StaffOperationException("NotFound");
        var current = await users.GetRolesAsync(user);
        if (current.Contains(StaffRoles.Owner) && role != StaffRoles.Owner)
        {
            await EnsureAnotherOwnerRemainsAsync(users, user);
        }

        ThrowOnFailure(await users.RemoveFromRolesAsync(user, current));
        ThrowOnFailure(await users.AddToRoleAsync(user, role));
        await users.UpdateSecurityStampAsync(user); // open sessions pick up the new role
        await audit.RecordAsync(new AuditRecord("staff.role-changed", "staff", user.Id.ToString(), $"{string.Join('+', current)} -> {role}"), ct);
    }

    public async Task SetLockedAsync(Guid userId, bool locked, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new StaffOperationException("NotFound");
        if (locked && await users.IsInRoleAsync(user, StaffRoles.Owner))
        {
            await EnsureAnotherOwnerRemainsAsync(users, user);
        }

        ThrowOnFailure(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new AuditRecord(locked ? "staff.locked" : "staff.unlocked", "staff", user.Id.ToString()), ct);
    }

    /// <summary>Whether the staff member sees members' mobiles and e-mails in full; open sessions pick it up at once.</summary>
    public async Task SetPersonalDataAccessAsync(Guid userId, bool canSee, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new StaffOperationException("NotFound");
        if (user.CanSeePersonalData == canSee)
        {
            return;
        }

        user.CanSeePersonalData = canSee;
        ThrowOnFailure(await users.UpdateAsync(user));
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new AuditRecord(canSee ? "staff.personal-data-granted" : "staff.personal-data-revoked", "staff", user.Id.ToString()), ct);
    }

    public async Task<StaffCredentials> ResetPasswordAsync(Guid userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new StaffOperationException("NotFound");
        var password = GenerateTemporaryPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        ThrowOnFailure(await users.ResetPasswordAsync(user, token, password));
        user.MustChangePassword = true;
        ThrowOnFailure(await users.UpdateAsync(user));
        await audit.RecordAsync(new AuditRecord("staff.password-reset", "staff", user.Id.ToString()), ct);
        return new StaffCredentials(user.Id, user.Email ?? "", password);
    }

    private static async Task EnsureAnotherOwnerRemainsAsync(UserManager<StaffUser> users, StaffUser user)
    {
        var owners = await users.GetUsersInRoleAsync(StaffRoles.Owner);
        if (!owners.Any(o => o.Id != user.Id && !(o.LockoutEnd > DateTimeOffset.UtcNow)))
        {
            throw new StaffOperationException("LastOwner");
        }
    }

    private static void EnsureKnownRole(string role)
    {
        if (!StaffRoles.All.Contains(role))
        {
            throw new StaffOperationException("UnknownRole");
        }
    }

    private static void ThrowOnFailure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new StaffOperationException(result.Errors.First().Code);
        }
    }

    /// <summary>14 characters from an alphabet without look-alikes, always with a digit, a lower and an upper case letter.</summary>
    internal static string GenerateTemporaryPassword()
    {
        const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string Lower = "abcdefghijkmnopqrstuvwxyz";
        const string Digits = "23456789";
        const string All = Upper + Lower + Digits;
        var chars = new char[14];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = All[RandomNumberGenerator.GetInt32(All.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
