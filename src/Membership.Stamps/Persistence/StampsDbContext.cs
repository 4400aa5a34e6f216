using Microsoft.EntityFrameworkCore;

namespace Membership.Stamps.Persistence;

internal sealed class StampsDbContext(DbContextOptions<StampsDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "stamps";

    public DbSet<StampCardDefinitionRow> Definitions => Set<StampCardDefinitionRow>();

    public DbSet<StampCardRow> Cards => Set<StampCardRow>();

    public DbSet<StampEntryRow> Entries => Set<StampEntryRow>();

    public DbSet<EarnedRewardRow> Rewards => Set<EarnedRewardRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StampCardDefinitionRow>(definition =>
        {
            definition.ToTable("stamps_card_definitions");
            definition.HasKey(d => d.Id);
            definition.Property(d => d.Name).HasMaxLength(100);
            definition.Property(d => d.AmountPerStamp).HasPrecision(12, 2);
            definition.Property(d => d.Rewards).HasColumnType("jsonb");
            definition.Property(d => d.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<StampCardRow>(card =>
        {
            card.ToTable("stamps_cards");
            card.HasKey(c => c.Id);
            card.HasIndex(c => new { c.MemberId, c.DefinitionId }).IsUnique().HasFilter("closed_at IS NULL")
                .HasDatabaseName("ix_stamps_cards_one_open_per_member");
            card.HasIndex(c => new { c.MemberId, c.StartedAt });
            card.HasOne<StampCardDefinitionRow>().WithMany().HasForeignKey(c => c.DefinitionId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<StampEntryRow>(entry =>
        {
            entry.ToTable("stamps_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.SourceKey).HasMaxLength(100);
            entry.Property(e => e.Source).HasMaxLength(20);
            entry.Property(e => e.Amount).HasPrecision(12, 2);
            entry.Property(e => e.Reason).HasMaxLength(200);
            entry.Property(e => e.RecordedBy).HasMaxLength(256);
            entry.HasIndex(e => new { e.SourceKey, e.CardId }).IsUnique();
            entry.HasIndex(e => new { e.MemberId, e.OccurredAt });
            entry.HasIndex(e => e.PurchaseId).HasFilter("purchase_id IS NOT NULL");
            entry.HasOne<StampCardRow>().WithMany().HasForeignKey(e => e.CardId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EarnedRewardRow>(reward =>
        {
            reward.ToTable("stamps_earned_rewards");
            reward.HasKey(r => r.Id);
            reward.Property(r => r.Description).HasMaxLength(200);
            reward.Property(r => r.HandedOutBy).HasMaxLength(256);
            reward.HasIndex(r => new { r.CardId, r.Threshold }).IsUnique();
            reward.HasIndex(r => new { r.MemberId, r.EarnedAt });
            reward.HasOne<StampCardRow>().WithMany().HasForeignKey(r => r.CardId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
