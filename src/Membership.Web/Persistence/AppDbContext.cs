using Membership.Web.Audit;
using Membership.Web.Integration;
using Membership.Web.Staff;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Membership.Web.Persistence;

/// <summary>The host's own tables (prefix <c>app_</c>): staff identity, data-protection keys, audit log.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string TablePrefix = "app";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();

    internal DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<StaffUser>(user =>
        {
            user.ToTable("app_users");
            user.Property(u => u.DisplayName).HasMaxLength(100);
        });
        builder.Entity<IdentityRole<Guid>>().ToTable("app_roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("app_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("app_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("app_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("app_user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("app_role_claims");
        builder.Entity<DataProtectionKey>().ToTable("app_data_protection_keys");

        builder.Entity<AuditLogEntry>(entry =>
        {
            entry.ToTable("app_audit_log");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Action).HasMaxLength(100);
            entry.Property(e => e.SubjectType).HasMaxLength(50);
            entry.Property(e => e.SubjectId).HasMaxLength(100);
            entry.Property(e => e.ActorName).HasMaxLength(256);
            entry.Property(e => e.Details).HasMaxLength(2000);
            entry.Property(e => e.Reason).HasMaxLength(1000);
            entry.HasIndex(e => e.OccurredAt);
            entry.HasIndex(e => new { e.SubjectType, e.SubjectId });
        });

        builder.Entity<ApiKey>(key =>
        {
            key.ToTable("app_api_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Name).HasMaxLength(ApiKeyDirectory.MaxNameLength);
            key.Property(k => k.Prefix).HasMaxLength(16);
            key.Property(k => k.Hash).HasMaxLength(64);
            key.Property(k => k.CreatedBy).HasMaxLength(256);
            key.Property(k => k.RevokedBy).HasMaxLength(256);
            key.HasIndex(k => k.Hash).IsUnique();
            // Keys made before scopes existed were POS keys.
            key.Property(k => k.Scopes).HasDefaultValueSql("ARRAY['pos']::text[]");
        });
    }
}
