using Membership.Contracts.Tags;
using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tags.Persistence;

internal sealed class TagsDbContext(DbContextOptions<TagsDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "tags";

    public DbSet<TagRow> Tags => Set<TagRow>();

    public DbSet<TagAssignmentRow> Assignments => Set<TagAssignmentRow>();

    public DbSet<TagRuleRow> Rules => Set<TagRuleRow>();

    public DbSet<TagRuleFiringRow> RuleFirings => Set<TagRuleFiringRow>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TagRow>(tag =>
        {
            tag.ToTable("tags_definitions");
            tag.HasKey(t => t.Id);
            tag.Property(t => t.Name).HasMaxLength(50);
            tag.Property(t => t.NormalizedName).HasMaxLength(50);
            tag.HasIndex(t => t.NormalizedName).IsUnique();
            tag.Property(t => t.Colour).HasMaxLength(9);
            tag.Property(t => t.Description).HasMaxLength(500);
            tag.Property(t => t.CreatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<TagAssignmentRow>(assignment =>
        {
            assignment.ToTable("tags_assignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.AddedBy).HasMaxLength(256);
            assignment.Property(a => a.RemovedBy).HasMaxLength(256);
            assignment.Property(a => a.SourceId).HasMaxLength(200);
            // One current assignment per member and tag; removed ones are history.
            assignment.HasIndex(a => new { a.MemberId, a.TagId }).IsUnique().HasFilter("removed_at IS NULL")
                .HasDatabaseName("ix_tags_assignments_current");
            // Segments filter by tag: members of a tag without touching history rows.
            assignment.HasIndex(a => new { a.TagId, a.MemberId }).HasFilter("removed_at IS NULL")
                .HasDatabaseName("ix_tags_assignments_current_by_tag");
            assignment.HasIndex(a => a.MemberId);
            assignment.HasOne<TagRow>().WithMany().HasForeignKey(a => a.TagId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<TagRuleRow>(rule =>
        {
            rule.ToTable("tags_rules");
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Name).HasMaxLength(100);
            rule.Property(r => r.Keyword).HasMaxLength(300);
            rule.Property(r => r.Category).HasMaxLength(100);
            rule.Property(r => r.MinimumAmount).HasPrecision(12, 2);
            rule.Property(r => r.CreatedBy).HasMaxLength(256);
            rule.HasIndex(r => new { r.Kind, r.Enabled });
            rule.HasOne<TagRow>().WithMany().HasForeignKey(r => r.TagId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<TagRuleFiringRow>(firing =>
        {
            firing.ToTable("tags_rule_firings");
            firing.HasKey(f => new { f.RuleId, f.MemberId });
            firing.Property(f => f.SourceId).HasMaxLength(200);
            firing.HasOne<TagRuleRow>().WithMany().HasForeignKey(f => f.RuleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.AddOutboxMessages(TablePrefix);
    }
}
