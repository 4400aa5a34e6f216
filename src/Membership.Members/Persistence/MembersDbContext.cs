using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members.Persistence;

internal sealed class MembersDbContext(DbContextOptions<MembersDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "members";

    public DbSet<Member> Members => Set<Member>();

    public DbSet<TimelineRecord> Timeline => Set<TimelineRecord>();

    public DbSet<ConsentEntry> Consents => Set<ConsentEntry>();

    public DbSet<NoteEntry> Notes => Set<NoteEntry>();

    public DbSet<TermsVersion> Terms => Set<TermsVersion>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Member>(member =>
        {
            member.ToTable("members_members");
            member.HasKey(m => m.Id);
            member.Property(m => m.MemberCode).HasMaxLength(12);
            member.Property(m => m.Name).HasMaxLength(100);
            member.Property(m => m.Mobile).HasMaxLength(10);
            member.Property(m => m.Email).HasMaxLength(254);
            member.Property(m => m.Region).HasMaxLength(3);
            member.Property(m => m.PreferredStore).HasMaxLength(50);
            member.HasIndex(m => m.MemberCode).IsUnique();
            member.HasIndex(m => m.Mobile).IsUnique();
            // Search: any part of a mobile, fuzzy names and LINE display names (pg_trgm GIN).
            member.HasIndex(m => m.Mobile, "ix_members_members_mobile_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
            member.HasIndex(m => m.Name, "ix_members_members_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
            member.HasIndex(m => m.LineDisplayName, "ix_members_members_line_display_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
            member.HasIndex(m => new { m.Status, m.CreatedAt });
            member.HasIndex(m => m.Region);
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

        modelBuilder.Entity<ConsentEntry>(consent =>
        {
            consent.ToTable("members_consents");
            consent.HasKey(c => c.Id);
            consent.Property(c => c.Channel).HasMaxLength(20);
            consent.HasIndex(c => c.MemberId);
            consent.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<NoteEntry>(note =>
        {
            note.ToTable("members_notes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Author).HasMaxLength(256);
            note.Property(n => n.Text).HasMaxLength(2000);
            note.HasIndex(n => new { n.MemberId, n.CreatedAt });
            note.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TermsVersion>(terms =>
        {
            terms.ToTable("members_privacy_terms");
            terms.HasKey(t => t.Version);
            terms.Property(t => t.Version).ValueGeneratedNever();
            terms.Property(t => t.PublishedBy).HasMaxLength(256);
        });

        modelBuilder.AddOutboxMessages(TablePrefix);
    }
}
