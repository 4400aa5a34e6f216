using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Membership.Segmentation.Persistence;

internal sealed class SegmentationDbContext(DbContextOptions<SegmentationDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "segmentation";

    public DbSet<ScoringSettingsRow> Settings => Set<ScoringSettingsRow>();

    public DbSet<ScoringRunRow> Runs => Set<ScoringRunRow>();

    public DbSet<MemberScoreRow> MemberScores => Set<MemberScoreRow>();

    public DbSet<ScoreTransitionRow> Transitions => Set<ScoreTransitionRow>();

    public DbSet<NesSnapshotRow> NesSnapshots => Set<NesSnapshotRow>();

    public DbSet<SegmentRow> Segments => Set<SegmentRow>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ScoringSettingsRow>(settings =>
        {
            settings.ToTable("segmentation_settings");
            settings.HasKey(s => s.Id);
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.S1Multiplier).HasPrecision(5, 2);
            settings.Property(s => s.S2Multiplier).HasPrecision(5, 2);
            settings.Property(s => s.S3Multiplier).HasPrecision(5, 2);
            settings.Property(s => s.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<ScoringRunRow>(run =>
        {
            run.ToTable("segmentation_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.RequestedBy).HasMaxLength(256);
            run.Property(r => r.Error).HasMaxLength(2000);
            run.HasIndex(r => r.RequestedAt);
            // One run at a time: at most one row queued or running. A unique index over a constant with that filter
            // (migration OneActiveScoringRun, raw SQL: EF cannot model an expression index); an index unique on the
            // status itself would let one queued and one running row live side by side.
        });

        modelBuilder.Entity<MemberScoreRow>(score =>
        {
            score.ToTable("segmentation_member_scores");
            score.HasKey(s => s.MemberId);
            score.Property(s => s.MemberId).ValueGeneratedNever();
            score.Property(s => s.Monetary).HasPrecision(14, 2);
            score.Property(s => s.RfmType).HasMaxLength(30);
            score.Property(s => s.NesState).HasMaxLength(10);
            score.HasIndex(s => s.NesState);
            score.HasIndex(s => s.RfmType);
        });

        modelBuilder.Entity<ScoreTransitionRow>(transition =>
        {
            transition.ToTable("segmentation_transitions");
            transition.HasKey(t => t.Id);
            transition.Property(t => t.FromValue).HasMaxLength(30);
            transition.Property(t => t.ToValue).HasMaxLength(30);
            transition.HasIndex(t => new { t.MemberId, t.Kind, t.AsOfDate }).IsUnique();
            transition.HasIndex(t => t.RunId);
        });

        modelBuilder.Entity<NesSnapshotRow>(snapshot =>
        {
            snapshot.ToTable("segmentation_nes_snapshots");
            snapshot.HasKey(s => new { s.AsOfDate, s.NesState });
            snapshot.Property(s => s.NesState).HasMaxLength(10);
        });

        modelBuilder.Entity<SegmentRow>(segment =>
        {
            segment.ToTable("segmentation_segments");
            segment.HasKey(s => s.Id);
            segment.Property(s => s.Name).HasMaxLength(100);
            segment.Property(s => s.NormalizedName).HasMaxLength(100);
            segment.HasIndex(s => s.NormalizedName).IsUnique();
            segment.Property(s => s.Description).HasMaxLength(500);
            segment.Property(s => s.Definition).HasColumnType("jsonb");
            segment.Property(s => s.CreatedBy).HasMaxLength(256);
            segment.Property(s => s.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.AddOutboxMessages(TablePrefix);
    }
}
