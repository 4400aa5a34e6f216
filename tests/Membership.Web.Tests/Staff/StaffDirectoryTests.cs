using System.Net;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Web.Staff;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Staff;

public sealed class StaffDirectoryTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private StaffDirectory Directory => app.Services.GetRequiredService<StaffDirectory>();

    [Fact]
    public async Task Demo_accounts_are_seeded_one_per_role()
    {
        var counts = await Directory.CountByRoleAsync();

        Assert.True(counts[StaffRoles.Owner] >= 1);
        Assert.True(counts[StaffRoles.Marketer] >= 1);
        Assert.True(counts[StaffRoles.Staff] >= 1);
    }

    [Fact]
    public async Task Created_staff_signs_in_with_the_temporary_password_and_is_audited()
    {
        var email = $"clerk-{Guid.NewGuid():N}@demo.local";

        var created = await Directory.CreateAsync(new CreateStaffRequest(email, "店員甲", StaffRoles.Staff));
        var signIn = await app.Factory.CreateBrowserlessClient().SignInAsync(email, created.TemporaryPassword);

        Assert.Equal(14, created.TemporaryPassword.Length);
        Assert.DoesNotContain("error=", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var audit = await AuditFor(created.Id);
        Assert.Contains(audit, e => e.Action == "staff.created" && e.Details == "role=Staff");
        Assert.DoesNotContain(audit, e => (e.Details ?? "").Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_email_cannot_be_used_twice()
    {
        var email = $"twice-{Guid.NewGuid():N}@demo.local";
        await Directory.CreateAsync(new CreateStaffRequest(email, "一", StaffRoles.Staff));

        var error = await Assert.ThrowsAsync<StaffOperationException>(
            () => Directory.CreateAsync(new CreateStaffRequest(email.ToUpperInvariant(), "二", StaffRoles.Staff)));

        Assert.Equal("EmailTaken", error.Code);
    }

    [Fact]
    public async Task Role_change_is_applied_and_audited()
    {
        var created = await Directory.CreateAsync(new CreateStaffRequest($"promo-{Guid.NewGuid():N}@demo.local", "升遷", StaffRoles.Staff));

        await Directory.SetRoleAsync(created.Id, StaffRoles.Marketer);

        var page = await Directory.ListAsync(new PageRequest(1, 200), created.Email);
        Assert.Equal(StaffRoles.Marketer, Assert.Single(page.Items).Role);
        Assert.Contains(await AuditFor(created.Id), e => e.Action == "staff.role-changed" && e.Details == "Staff -> Marketer");
    }

    [Fact]
    public async Task Unknown_roles_are_refused()
    {
        var error = await Assert.ThrowsAsync<StaffOperationException>(
            () => Directory.CreateAsync(new CreateStaffRequest($"x-{Guid.NewGuid():N}@demo.local", "X", "Admin")));

        Assert.Equal("UnknownRole", error.Code);
    }

    [Fact]
    public async Task The_last_active_owner_cannot_be_demoted_or_locked()
    {
        await using var lone = new WebAppFixture();
        await lone.InitializeAsync();
        var directory = lone.Services.GetRequiredService<StaffDirectory>();
        var owner = (await directory.ListAsync(new PageRequest(), "owner@demo.local")).Items.Single();

        var demote = await Assert.ThrowsAsync<StaffOperationException>(() => directory.SetRoleAsync(owner.Id, StaffRoles.Staff));
        var lockOut = await Assert.ThrowsAsync<StaffOperationException>(() => directory.SetLockedAsync(owner.Id, true));

        Assert.Equal("LastOwner", demote.Code);
        Assert.Equal("LastOwner", lockOut.Code);
        var after = (await directory.ListAsync(new PageRequest(), "owner@demo.local")).Items.Single();
        Assert.Equal(StaffRoles.Owner, after.Role);
        Assert.False(after.IsLocked);
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_and_an_unlocked_one_can()
    {
        var created = await Directory.CreateAsync(new CreateStaffRequest($"gone-{Guid.NewGuid():N}@demo.local", "離職", StaffRoles.Staff));

        await Directory.SetLockedAsync(created.Id, true);
        var whileLocked = await app.Factory.CreateBrowserlessClient().SignInAsync(created.Email, created.TemporaryPassword);
        await Directory.SetLockedAsync(created.Id, false);
        var afterUnlock = await app.Factory.CreateBrowserlessClient().SignInAsync(created.Email, created.TemporaryPassword);

        Assert.Contains("error=locked", whileLocked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("error=", afterUnlock.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_reset_replaces_the_old_password()
    {
        var created = await Directory.CreateAsync(new CreateStaffRequest($"reset-{Guid.NewGuid():N}@demo.local", "重設", StaffRoles.Staff));

        var reset = await Directory.ResetPasswordAsync(created.Id);
        var withOld = await app.Factory.CreateBrowserlessClient().SignInAsync(created.Email, created.TemporaryPassword);
        var withNew = await app.Factory.CreateBrowserlessClient().SignInAsync(created.Email, reset.TemporaryPassword);

        Assert.NotEqual(created.TemporaryPassword, reset.TemporaryPassword);
        Assert.Contains("error=invalid", withOld.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/account/change-password", withNew.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void Temporary_passwords_meet_the_policy_and_differ()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => StaffDirectory.GenerateTemporaryPassword()).ToList();

        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.True(p.Length >= 10);
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.Contains(p, char.IsAsciiLetterUpper);
            Assert.Contains(p, char.IsAsciiLetterLower);
        });
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditFor(Guid staffId)
    {
        var audit = app.Services.GetRequiredService<IAuditTrail>();
        var page = await audit.ListAsync(new AuditQuery(SubjectType: "staff", SubjectId: staffId.ToString()), new PageRequest(1, 50));
        return page.Items;
    }
}
