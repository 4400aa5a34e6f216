using Microsoft.EntityFrameworkCore;

namespace Membership.Coupons.Persistence;

internal sealed class CouponsDbContext(DbContextOptions<CouponsDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "coupons";

    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();

    public DbSet<CouponRecord> Coupons => Set<CouponRecord>();

    public DbSet<CouponUse> Uses => Set<CouponUse>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DefinitionRecord>(definition =>
        {
            definition.ToTable("coupons_definitions", t => t.HasCheckConstraint(
                "ck_coupons_definitions_issue_limit", "issue_limit IS NULL OR issued_count <= issue_limit"));
            definition.HasKey(d => d.Id);
            definition.Property(d => d.Name).HasMaxLength(DefinitionRecord.MaxNameLength);
            definition.Property(d => d.NameEn).HasMaxLength(DefinitionRecord.MaxNameLength);
            definition.Property(d => d.FreeItem).HasMaxLength(DefinitionRecord.MaxNameLength);
            definition.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
            definition.Property(d => d.Purpose).HasConversion<string>().HasMaxLength(20);
            definition.Property(d => d.Value).HasPrecision(12, 2);
            definition.Property(d => d.UpdatedBy).HasMaxLength(256);
            definition.HasIndex(d => new { d.Purpose, d.Active });
        });

        modelBuilder.Entity<CouponRecord>(coupon =>
        {
            coupon.ToTable("coupons_coupons", t => t.HasCheckConstraint("ck_coupons_coupons_uses", "used_count >= 0 AND used_count <= uses_allowed"));
            coupon.HasKey(c => c.Id);
            coupon.Property(c => c.Code).HasMaxLength(CouponRecord.CodeLength);
            coupon.Property(c => c.IdempotencyKey).HasMaxLength(200);
            coupon.Property(c => c.IssuedBy).HasMaxLength(256);
            coupon.HasIndex(c => c.Code).IsUnique();
            // The once-only rule of every issue: welcome per member, birthday per member and year, a campaign's key.
            coupon.HasIndex(c => c.IdempotencyKey).IsUnique();
            coupon.HasIndex(c => new { c.MemberId, c.IssuedAt });
            coupon.HasOne<DefinitionRecord>().WithMany().HasForeignKey(c => c.DefinitionId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CouponUse>(use =>
        {
            use.ToTable("coupons_uses");
            use.HasKey(u => u.Id);
            use.Property(u => u.RedeemedBy).HasMaxLength(256);
            use.Property(u => u.StoreCode).HasMaxLength(50);
            use.HasIndex(u => u.CouponId);
            use.HasOne<CouponRecord>().WithMany().HasForeignKey(u => u.CouponId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
