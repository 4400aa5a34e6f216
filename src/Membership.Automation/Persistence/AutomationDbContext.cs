using Microsoft.EntityFrameworkCore;

namespace Membership.Automation.Persistence;

internal sealed class AutomationDbContext(DbContextOptions<AutomationDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "automation";

    public DbSet<AutoReplyRow> AutoReplies => Set<AutoReplyRow>();

    public DbSet<ReplyLogRow> ReplyLog => Set<ReplyLogRow>();

    public DbSet<AutomationSettingsRow> Settings => Set<AutomationSettingsRow>();

    public DbSet<JourneyRow> Journeys => Set<JourneyRow>();

    public DbSet<RunRow> Runs => Set<RunRow>();

    public DbSet<RunStepRow> RunSteps => Set<RunStepRow>();

    public DbSet<NotificationRow> Notifications => Set<NotificationRow>();

    public DbSet<SegmentMemberRow> SegmentMembers => Set<SegmentMemberRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AutoReplyRow>(rule =>
        {
            rule.ToTable("automation_auto_replies");
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Name).HasMaxLength(100);
            rule.Property(r => r.MessagesJson).HasColumnType("jsonb");
            rule.Property(r => r.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<ReplyLogRow>(log =>
        {
            log.ToTable("automation_reply_log");
            log.HasKey(l => l.WebhookEventId);
            log.Property(l => l.WebhookEventId).HasMaxLength(100);
            log.Property(l => l.RuleName).HasMaxLength(100);
            log.Property(l => l.Error).HasMaxLength(1000);
            // The rules page counts per rule.
            log.HasIndex(l => new { l.RuleId, l.Status });
        });

        modelBuilder.Entity<AutomationSettingsRow>(settings =>
        {
            settings.ToTable("automation_settings");
            settings.HasKey(s => s.Id);
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.DefaultReplyJson).HasColumnType("jsonb");
            settings.Property(s => s.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<JourneyRow>(journey =>
        {
            journey.ToTable("automation_journeys");
            journey.HasKey(j => j.Id);
            journey.Property(j => j.Name).HasMaxLength(100);
            journey.Property(j => j.Description).HasMaxLength(1000);
            journey.Property(j => j.Template).HasMaxLength(40);
            journey.Property(j => j.TriggerJson).HasColumnType("jsonb");
            journey.Property(j => j.StepsJson).HasColumnType("jsonb");
            journey.Property(j => j.ExitJson).HasColumnType("jsonb");
            journey.Property(j => j.HoldoutPercent).HasPrecision(5, 2);
            journey.Property(j => j.UpdatedBy).HasMaxLength(256);
            // Each ready-made journey exists once, however many instances create it.
            journey.HasIndex(j => j.Template).IsUnique();
            journey.HasIndex(j => new { j.Status, j.TriggerKind });
        });

        modelBuilder.Entity<RunRow>(run =>
        {
            run.ToTable("automation_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.EntryKey).HasMaxLength(200);
            run.Property(r => r.NextStepId).HasMaxLength(40);
            run.Property(r => r.ExitStepId).HasMaxLength(40);
            run.Property(r => r.ExitReason).HasMaxLength(200);
            // The same occurrence enters once; a member is in a journey at most once at a time.
            run.HasIndex(r => new { r.JourneyId, r.MemberId, r.EntryKey }).IsUnique();
            run.HasIndex(r => new { r.JourneyId, r.MemberId }).IsUnique().HasFilter("status = 0").HasDatabaseName("ix_automation_runs_active");
            // The processor's claim: due steps by time.
            run.HasIndex(r => r.DueAt).HasFilter("status = 0").HasDatabaseName("ix_automation_runs_due");
            run.HasIndex(r => new { r.MemberId, r.EnteredAt });
            run.HasOne<JourneyRow>().WithMany().HasForeignKey(r => r.JourneyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RunStepRow>(step =>
        {
            step.ToTable("automation_run_steps");
            step.HasKey(s => new { s.RunId, s.StepId });
            step.Property(s => s.StepId).HasMaxLength(40);
            step.Property(s => s.Outcome).HasMaxLength(500);
            step.HasOne<RunRow>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<NotificationRow>(notification =>
        {
            notification.ToTable("automation_notifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.StepId).HasMaxLength(40);
            notification.Property(n => n.Text).HasMaxLength(1000);
            notification.Property(n => n.ReadBy).HasMaxLength(256);
            notification.HasIndex(n => new { n.RunId, n.StepId }).IsUnique();
            notification.HasIndex(n => n.CreatedAt);
        });

        modelBuilder.Entity<SegmentMemberRow>(member =>
        {
            member.ToTable("automation_segment_members");
            member.HasKey(m => new { m.JourneyId, m.MemberId });
            member.HasOne<JourneyRow>().WithMany().HasForeignKey(m => m.JourneyId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
