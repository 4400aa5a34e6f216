using Microsoft.EntityFrameworkCore;

namespace Membership.Members.Persistence;

internal sealed class MembersDbContext(DbContextOptions<MembersDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "members";

    public DbSet<Member> Members => Set<Member>();

    public DbSet<TimelineRecord> Timeline => Set<TimelineRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Member>(member =>
        {
            member.ToTable("members_members");
            member.HasKey(m => m.Id);
            member.Property(m => m.LineUserId).HasMaxLength(64);
            member.Property(m => m.LineDisplayName).HasMaxLength(200);
            member.Property(m => m.PictureUrl).HasMaxLength(2000);
            member.Property(m => m.Language).HasMaxLength(20);
            member.HasIndex(m => m.LineUserId).IsUnique();
            member.HasIndex(m => m.CreatedAt);
        });

        modelBuilder.Entity<TimelineRecord>(entry =>
        {
            entry.ToTable("members_timeline_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Kind).HasMaxLength(50);
            entry.Property(e => e.Summary).HasMaxLength(500);
            entry.Property(e => e.SourceEventId).HasMaxLength(100);
            entry.HasIndex(e => new { e.MemberId, e.OccurredAt });
            entry.HasIndex(e => e.SourceEventId).IsUnique();
            entry.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
