using Membership.Contracts.Line;
using Microsoft.EntityFrameworkCore;

namespace Membership.Line.Persistence;

internal sealed class LineDbContext(DbContextOptions<LineDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "line";

    public DbSet<InboxEvent> InboxEvents => Set<InboxEvent>();

    public DbSet<ChannelSetting> Settings => Set<ChannelSetting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxEvent>(e =>
        {
            e.ToTable("line_inbox_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.WebhookEventId).HasMaxLength(64);
            e.Property(x => x.EventType).HasMaxLength(40);
            e.Property(x => x.LineUserId).HasMaxLength(64);
            e.Property(x => x.Payload).HasColumnType("jsonb");
            e.Property(x => x.LastError).HasMaxLength(2000);
            e.HasIndex(x => x.WebhookEventId).IsUnique();
            // The processor's two questions: what is due, and is an earlier event of this user still waiting.
            e.HasIndex(x => x.NextAttemptAt).HasFilter("status = 0").HasDatabaseName("ix_line_inbox_events_due");
            e.HasIndex(x => new { x.LineUserId, x.OccurredAt }).HasFilter("status = 0").HasDatabaseName("ix_line_inbox_events_user_pending");
            // The claim takes the oldest pending event: walked in this order it stops at the first, however long the backlog.
            e.HasIndex(x => new { x.OccurredAt, x.Id }).HasFilter("status = 0").HasDatabaseName("ix_line_inbox_events_pending_order");
            e.HasIndex(x => new { x.Status, x.ReceivedAt });
        });

        modelBuilder.Entity<ChannelSetting>(s =>
        {
            s.ToTable("line_channel_settings");
            s.HasKey(x => x.Key);
            s.Property(x => x.Key).HasMaxLength(100);
            s.Property(x => x.Value).HasMaxLength(5000);
        });
    }
}
