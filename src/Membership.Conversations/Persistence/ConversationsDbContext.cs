using Membership.Conversations.Canned;
using Membership.Conversations.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conversations.Persistence;

internal sealed class ConversationsDbContext(DbContextOptions<ConversationsDbContext> options) : DbContext(options)
{
    public const string TablePrefix = "conversations";

    public DbSet<ConversationRow> Conversations => Set<ConversationRow>();

    public DbSet<MessageRow> Messages => Set<MessageRow>();

    public DbSet<CannedResponseRow> CannedResponses => Set<CannedResponseRow>();

    public DbSet<MediaRow> Media => Set<MediaRow>();

    public DbSet<ConversationSettingsRow> Settings => Set<ConversationSettingsRow>();

    public DbSet<SurveyRow> Surveys => Set<SurveyRow>();

    public DbSet<SurveyResponseRow> SurveyResponses => Set<SurveyResponseRow>();

    public DbSet<SurveyAnswerRow> SurveyAnswers => Set<SurveyAnswerRow>();

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
            // The nightly retention purge: what still has content, oldest first.
            message.HasIndex(m => m.At, "ix_conversations_messages_at_with_content").HasFilter("NOT content_removed");
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

        modelBuilder.Entity<ConversationSettingsRow>(settings =>
        {
            settings.ToTable("conversations_settings");
            settings.HasKey(x => x.Id);
            settings.Property(x => x.Id).ValueGeneratedNever();
            settings.Property(x => x.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<SurveyRow>(survey =>
        {
            survey.ToTable("conversations_surveys");
            survey.HasKey(s => s.Id);
            survey.Property(s => s.Title).HasMaxLength(SurveyRules.TitleMax);
            survey.Property(s => s.TitleEn).HasMaxLength(SurveyRules.TitleMax);
            survey.Property(s => s.Intro).HasMaxLength(SurveyRules.IntroMax);
            survey.Property(s => s.IntroEn).HasMaxLength(SurveyRules.IntroMax);
            survey.Property(s => s.QuestionsJson).HasColumnType("jsonb");
            survey.Property(s => s.RewardReason).HasMaxLength(100);
            survey.Property(s => s.UpdatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<SurveyResponseRow>(response =>
        {
            response.ToTable("conversations_survey_responses");
            response.HasKey(r => r.Id);
            response.Property(r => r.LineUserId).HasMaxLength(64);
            response.Property(r => r.AwaitingQuestion).HasMaxLength(SurveyRules.IdMax);
            response.HasIndex(r => new { r.SurveyId, r.MemberId }).IsUnique();
            response.HasIndex(r => r.MemberId);
            // The chat's text answers: is this LINE user's next message an answer?
            response.HasIndex(r => r.LineUserId).HasFilter("awaiting_question IS NOT NULL");
            response.HasOne<SurveyRow>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SurveyAnswerRow>(answer =>
        {
            answer.ToTable("conversations_survey_answers");
            answer.HasKey(a => new { a.ResponseId, a.QuestionId });
            answer.Property(a => a.QuestionId).HasMaxLength(SurveyRules.IdMax);
            answer.Property(a => a.Text).HasMaxLength(SurveyRules.TextAnswerMax);
            answer.HasOne<SurveyResponseRow>().WithMany().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
