using Microsoft.EntityFrameworkCore;

namespace Membership.Broadcast.Persistence;

internal sealed class BroadcastDbContext(DbContextOptions<BroadcastDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "broadcast";

    public DbSet<CampaignRow> Campaigns => Set<CampaignRow>();

    public DbSet<RecipientRow> Recipients => Set<RecipientRow>();

    public DbSet<BatchRow> Batches => Set<BatchRow>();

    public DbSet<SettingsRow> Settings => Set<SettingsRow>();

    public DbSet<ClickRow> Clicks => Set<ClickRow>();

    public DbSet<TesterRow> Testers => Set<TesterRow>();

    public DbSet<ImageRow> Images => Set<ImageRow>();

    public DbSet<DirectSendRow> DirectSends => Set<DirectSendRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CampaignRow>(campaign =>
        {
            campaign.ToTable("broadcast_campaigns");
            campaign.HasKey(c => c.Id);
            campaign.Property(c => c.Name).HasMaxLength(100);
            campaign.Property(c => c.AudienceJson).HasColumnType("jsonb");
            campaign.Property(c => c.MessagesJson).HasColumnType("jsonb");
            campaign.Property(c => c.HoldoutPercent).HasPrecision(5, 2);
            campaign.Property(c => c.AggregationUnit).HasMaxLength(30);
            campaign.Property(c => c.CreatedBy).HasMaxLength(256);
            campaign.Property(c => c.LeaseOwner).HasMaxLength(200);
            campaign.Property(c => c.Error).HasMaxLength(2000);
            // The dispatcher's claim: due campaigns by start time.
            campaign.HasIndex(c => new { c.Status, c.ScheduledAt });
            campaign.HasIndex(c => c.CreatedAt);
            campaign.Property(c => c.RecurrenceJson).HasColumnType("jsonb");
            campaign.HasIndex(c => c.NextOccurrenceAt).HasFilter("status = 7").HasDatabaseName("ix_broadcast_campaigns_recurring");
            // One occurrence per series and time, however many instances make it.
            campaign.HasIndex(c => new { c.SeriesId, c.ScheduledAt }).IsUnique();
        });

        modelBuilder.Entity<RecipientRow>(recipient =>
        {
            recipient.ToTable("broadcast_recipients");
            recipient.HasKey(r => new { r.CampaignId, r.MemberId });
            recipient.Property(r => r.LineUserId).HasMaxLength(40);
            recipient.Property(r => r.Reason).HasMaxLength(500);
            recipient.HasIndex(r => new { r.CampaignId, r.BatchSeq });
            // The frequency cap counts a member's recent sends.
            recipient.HasIndex(r => new { r.MemberId, r.SentAt }).HasFilter("status = 1").HasDatabaseName("ix_broadcast_recipients_sent");
            recipient.HasOne<CampaignRow>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<BatchRow>(batch =>
        {
            batch.ToTable("broadcast_batches");
            batch.HasKey(b => new { b.CampaignId, b.Seq });
            batch.HasIndex(b => b.RetryKey).IsUnique();
            batch.Property(b => b.LineRequestId).HasMaxLength(100);
            batch.Property(b => b.Error).HasMaxLength(2000);
            batch.Property(b => b.MessagesJson).HasColumnType("jsonb");
            batch.HasIndex(b => new { b.CampaignId, b.Seq }).HasFilter("status = 0").HasDatabaseName("ix_broadcast_batches_pending");
            batch.HasOne<CampaignRow>().WithMany().HasForeignKey(b => b.CampaignId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SettingsRow>(settings =>
        {
            settings.ToTable("broadcast_settings");
            settings.HasKey(s => s.Id);
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<ImageRow>(image =>
        {
            image.ToTable("broadcast_images");
            image.HasKey(i => i.Id);
            image.Property(i => i.ContentType).HasMaxLength(20);
            image.Property(i => i.CreatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<TesterRow>(tester =>
        {
            tester.ToTable("broadcast_testers");
            tester.HasKey(t => t.MemberId);
            tester.Property(t => t.AddedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<DirectSendRow>(send =>
        {
            send.ToTable("broadcast_direct_sends");
            send.HasKey(d => d.Key);
            send.Property(d => d.Source).HasMaxLength(200);
            send.Property(d => d.Reason).HasMaxLength(500);
            // The frequency cap counts these with campaign sends.
            send.HasIndex(d => new { d.MemberId, d.SentAt }).HasFilter("status = 1").HasDatabaseName("ix_broadcast_direct_sends_sent");
        });

        modelBuilder.Entity<ClickRow>(click =>
        {
            click.ToTable("broadcast_clicks");
            click.HasKey(c => new { c.CampaignId, c.MemberId, c.LinkIndex });
            click.HasOne<CampaignRow>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
