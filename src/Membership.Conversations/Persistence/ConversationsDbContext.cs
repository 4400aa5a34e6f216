using Membership.Conversations.Canned;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conversations.Persistence;

internal sealed class ConversationsDbContext(DbContextOptions<ConversationsDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "conversations";

    public DbSet<ConversationRow> Conversations => Set<ConversationRow>();

    public DbSet<MessageRow> Messages => Set<MessageRow>();

    public DbSet<CannedResponseRow> CannedResponses => Set<CannedResponseRow>();

    public DbSet<MediaRow> Media => Set<MediaRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<ConversationRow>(conversation =>
        {
            conversation.ToTable("conversations_conversations");
            conversation.HasKey(c => c.Id);
            conversation.Property(c => c.LineUserId).HasMaxLength(64);
            conversation.Property(c => c.AssignedTo).HasMaxLength(256);
            conversation.Property(c => c.MemberCode).HasMaxLength(20);
            conversation.Property(c => c.DisplayName).HasMaxLength(100);
            conversation.Property(c => c.LastPreview).HasMaxLength(200);
            conversation.Property(c => c.ReplyToken).HasMaxLength(100);
            conversation.Property(c => c.ResolvedReason).HasMaxLength(200);
            conversation.Property(c => c.MarkAsReadToken).HasMaxLength(100);
            conversation.Property(c => c.TypingBy).HasMaxLength(256);
            conversation.HasIndex(c => c.DisplayName, "ix_conversations_conversations_display_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
            conversation.HasIndex(c => c.LineUserId).IsUnique();
            conversation.HasIndex(c => c.MemberId);
            conversation.HasIndex(c => c.MemberCode);
            // The inbox's order: oldest waiting first, then newest activity.
            conversation.HasIndex(c => new { c.Status, c.WaitingSince, c.LastMessageAt });
        });

        modelBuilder.Entity<MessageRow>(message =>
        {
            message.ToTable("conversations_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.StaffName).HasMaxLength(256);
            message.Property(m => m.Type).HasMaxLength(20);
            message.Property(m => m.ContentJson).HasColumnType("jsonb");
            message.Property(m => m.WebhookEventId).HasMaxLength(64);
            message.Property(m => m.Error).HasMaxLength(1000);
            message.HasIndex(m => m.WebhookEventId).IsUnique().HasFilter("webhook_event_id IS NOT NULL");
            message.HasIndex(m => m.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            message.HasIndex(m => new { m.ConversationId, m.At });
            // Search by part of a message's text.
            message.HasIndex(m => m.Text, "ix_conversations_messages_text_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
            message.HasOne<ConversationRow>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MediaRow>(media =>
        {
            media.ToTable("conversations_media");
            media.HasKey(m => m.MessageId);
            media.Property(m => m.LineMessageId).HasMaxLength(40);
            media.Property(m => m.ContentType).HasMaxLength(100);
            media.Property(m => m.Error).HasMaxLength(500);
            media.HasOne<MessageRow>().WithOne().HasForeignKey<MediaRow>(m => m.MessageId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CannedResponseRow>(canned =>
        {
            canned.ToTable("conversations_canned_responses");
            canned.HasKey(c => c.Id);
            canned.Property(c => c.Title).HasMaxLength(CannedResponseRules.TitleMax);
            canned.Property(c => c.Shortcut).HasMaxLength(CannedResponseRules.ShortcutMax);
            canned.Property(c => c.Text).HasMaxLength(CannedResponseRules.TextMax);
            canned.Property(c => c.UpdatedBy).HasMaxLength(256);
            canned.HasIndex(c => c.Title).IsUnique();
            canned.HasIndex(c => c.Shortcut).IsUnique().HasFilter("shortcut IS NOT NULL");
        });
    }
}
