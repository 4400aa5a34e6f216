using Microsoft.EntityFrameworkCore;

namespace Membership.Rewards.Persistence;

internal sealed class RewardsDbContext(DbContextOptions<RewardsDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "rewards";

    public DbSet<RewardItem> Rewards => Set<RewardItem>();

    public DbSet<RedemptionRecord> Redemptions => Set<RedemptionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RewardItem>(reward =>
        {
            reward.ToTable("rewards_rewards", t => t.HasCheckConstraint("ck_rewards_rewards_stock", "stock IS NULL OR stock >= 0"));
            reward.HasKey(r => r.Id);
            reward.Property(r => r.Name).HasMaxLength(RewardItem.MaxNameLength);
            reward.Property(r => r.NameEn).HasMaxLength(RewardItem.MaxNameLength);
            reward.Property(r => r.ImageUrl).HasMaxLength(2000);
            reward.Property(r => r.UpdatedBy).HasMaxLength(256);
            reward.HasIndex(r => new { r.Active, r.PointsCost });
        });

        modelBuilder.Entity<RedemptionRecord>(redemption =>
        {
            redemption.ToTable("rewards_redemptions");
            redemption.HasKey(r => r.Id);
            redemption.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            redemption.Property(r => r.RewardName).HasMaxLength(RewardItem.MaxNameLength);
            redemption.Property(r => r.Code).HasMaxLength(RedemptionRecord.CodeLength);
            redemption.Property(r => r.Channel).HasMaxLength(20);
            redemption.Property(r => r.IdempotencyKey).HasMaxLength(100);
            redemption.Property(r => r.CompletedBy).HasMaxLength(256);
            redemption.Property(r => r.RecordedBy).HasMaxLength(256);
            redemption.HasIndex(r => new { r.MemberId, r.IdempotencyKey }).IsUnique();
            // A code identifies one waiting redemption; once settled it may be drawn again.
            redemption.HasIndex(r => r.Code).IsUnique().HasFilter("status = 'Pending'").HasDatabaseName("ux_rewards_redemptions_pending_code");
            redemption.HasIndex(r => new { r.Status, r.ExpiresAt });
            redemption.HasIndex(r => new { r.MemberId, r.CreatedAt });
            redemption.HasOne<RewardItem>().WithMany().HasForeignKey(r => r.RewardId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
