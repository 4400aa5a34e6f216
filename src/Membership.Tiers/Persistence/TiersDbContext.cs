using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tiers.Persistence;

internal sealed class TiersDbContext(DbContextOptions<TiersDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "tiers";

    public DbSet<TierDefinitionRow> Definitions => Set<TierDefinitionRow>();

    public DbSet<TierSettingsRow> Settings => Set<TierSettingsRow>();

    public DbSet<MemberTierRow> MemberTiers => Set<MemberTierRow>();

    public DbSet<QualifyingActivityRow> Activities => Set<QualifyingActivityRow>();

    public DbSet<TierChangeRow> Changes => Set<TierChangeRow>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TierDefinitionRow>(tier =>
        {
            tier.ToTable("tiers_definitions");
            tier.HasKey(t => t.Code);
            tier.Property(t => t.Code).HasMaxLength(30);
            tier.Property(t => t.NameZh).HasMaxLength(50);
            tier.Property(t => t.NameEn).HasMaxLength(50);
            tier.Property(t => t.Threshold).HasPrecision(12, 2);
            tier.Property(t => t.PointsMultiplier).HasPrecision(5, 2);
            tier.Property(t => t.BirthdayGift).HasMaxLength(200);
            tier.Property(t => t.Benefits).HasMaxLength(2000);
            tier.HasIndex(t => t.Rank).IsUnique();
            tier.HasData(DefaultTiers.All);
        });

        modelBuilder.Entity<TierSettingsRow>(settings =>
        {
            settings.ToTable("tiers_settings");
            settings.HasKey(s => s.Id);
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.UpdatedBy).HasMaxLength(256);
            settings.HasData(new TierSettingsRow { Id = 1, Basis = 0 });
        });

        modelBuilder.Entity<MemberTierRow>(member =>
        {
            member.ToTable("tiers_member_tiers");
            member.HasKey(m => m.MemberId);
            member.Property(m => m.TierCode).HasMaxLength(30);
            member.HasIndex(m => m.ReviewOn).HasFilter("review_on IS NOT NULL");
            member.HasIndex(m => m.TierCode);
        });

        modelBuilder.Entity<QualifyingActivityRow>(activity =>
        {
            activity.ToTable("tiers_qualifying_activities");
            activity.HasKey(a => a.Id);
            activity.Property(a => a.SourceKey).HasMaxLength(80);
            activity.Property(a => a.Amount).HasPrecision(12, 2);
            activity.HasIndex(a => a.SourceKey).IsUnique();
            activity.HasIndex(a => new { a.MemberId, a.OccurredAt }).IncludeProperties(a => new { a.Amount, a.Points });
            activity.HasIndex(a => a.PurchaseId);
        });

        modelBuilder.Entity<TierChangeRow>(change =>
        {
            change.ToTable("tiers_member_tier_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.FromTierCode).HasMaxLength(30);
            change.Property(c => c.ToTierCode).HasMaxLength(30);
            change.Property(c => c.Reason).HasMaxLength(20);
            change.HasIndex(c => new { c.MemberId, c.ChangedAt });
        });

        modelBuilder.AddOutboxMessages(TablePrefix);
    }
}
