using System.Text.Json;
using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Conversations.Live;
using Membership.Conversations.Media;
using Membership.Conversations.Surveys;
using Membership.Shared.Ids;
using Npgsql;

namespace Membership.Conversations.Inbox;

/// <summary>
/// Keeps each customer message and postback in the customer's conversation, once per LINE event: the conversation is
/// created on the first message, reopened by a new one, counts it unread and keeps its reply token (the latest
/// message's) for staff. A hand-off keyword (真人客服, 找客服, agent) gives the conversation to a person and is
/// acknowledged with the token; a survey's tap or awaited text answer gets the next question. Answers true while a person has
/// the conversation or the event was answered here, so auto-replies stay silent.
/// </summary>
internal sealed class ConversationRecorder(
    NpgsqlDataSource dataSource, IMembersModule members, StaffReplies replies, MediaFetcher media, SurveyChat surveys, HandoffSettings handoff, TimeProvider clock)
    : ILineChatRecorder
{
    public static readonly string[] HandoffKeywords = ["真人客服", "找客服", "客服", "agent", "human"];

    private const string UpsertSql = """
        INSERT INTO conversations_conversations (id, line_user_id, member_id, member_code, display_name, status, mode, created_at, last_message_at, unread, reply_token_used)
        VALUES (@id, @user, @member, @code, @name, 0, 0, @at, @at, 0, true)
        ON CONFLICT (line_user_id) DO UPDATE SET
            member_id = coalesce(EXCLUDED.member_id, conversations_conversations.member_id),
            member_code = coalesce(EXCLUDED.member_code, conversations_conversations.member_code),
            display_name = coalesce(EXCLUDED.display_name, conversations_conversations.display_name)
        RETURNING id, mode
        """;

    // Nobody on the staff side has acted for a while: the bot answers again.
    private const string BackToBotSql = """
        UPDATE conversations_conversations c SET mode = 0, mode_changed_at = @at
        WHERE c.id = @conversation AND c.mode = 1 AND greatest(
            coalesce(c.mode_changed_at, '-infinity'),
            coalesce((SELECT max(m.at) FROM conversations_messages m WHERE m.conversation_id = c.id AND m.sender = 1), '-infinity')) < @idle_before
        RETURNING c.mode
        """;

    private const string InsertSql = """
        INSERT INTO conversations_messages (id, conversation_id, direction, sender, type, text, content_json, webhook_event_id, state, at)
        VALUES (@id, @conversation, 0, 0, @type, @text, @content::jsonb, @event, 1, @at)
        ON CONFLICT (webhook_event_id) WHERE webhook_event_id IS NOT NULL DO NOTHING
        """;

    // A token only replaces an older message's: redelivered or late events never overwrite the latest.
    private const string ReceivedSql = """
        UPDATE conversations_conversations SET
            last_message_at = greatest(last_message_at, @at), unread = unread + 1, status = 0, snoozed_until = NULL, resolved_reason = NULL,
            waiting_since = coalesce(waiting_since, @at), last_preview = @preview,
            mark_as_read_token = coalesce(@read_token, mark_as_read_token),
            reply_token_used = CASE WHEN @token::text IS NOT NULL AND (reply_token_at IS NULL OR reply_token_at <= @at) THEN false ELSE reply_token_used END,
            reply_token = CASE WHEN @token::text IS NOT NULL AND (reply_token_at IS NULL OR reply_token_at <= @at) THEN @token ELSE reply_token END,
            reply_token_at = CASE WHEN @token::text IS NOT NULL AND (reply_token_at IS NULL OR reply_token_at <= @at) THEN @at ELSE reply_token_at END
        WHERE id = @conversation
        """;

    // A survey answer the bot took is nobody's to answer: it leaves the waiting list unless something before it waits.
    private const string SurveyAnsweredSql = """
        UPDATE conversations_conversations SET waiting_since = NULL, unread = greatest(unread - 1, 0), status = CASE WHEN status = 0 THEN 1 ELSE status END
        WHERE id = @conversation AND waiting_since = @at
        """;

    public async Task<bool> RecordAsync(LineChatEvent chat, CancellationToken ct = default)
    {
        var member = await members.FindByLineUserIdAsync(chat.LineUserId, ct);
        var message = chat.Message ?? JsonSerializer.SerializeToElement(new { type = "postback", data = chat.PostbackData });
        var type = chat.Message is null ? "postback" : MessagePreview.TypeOf(message);
        var text = chat.Message is null ? chat.PostbackData : chat.Text;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        Guid conversationId;
        ConversationMode mode;
        await using (var upsert = new NpgsqlCommand(UpsertSql, connection, tx))
        {
            upsert.Parameters.AddWithValue("id", Guid.CreateVersion7());
            upsert.Parameters.AddWithValue("user", chat.LineUserId);
            upsert.Parameters.AddWithValue("member", (object?)member?.Id ?? DBNull.Value);
            upsert.Parameters.AddWithValue("code", (object?)member?.MemberCode ?? DBNull.Value);
            upsert.Parameters.AddWithValue("name", (object?)(member?.Name ?? member?.LineDisplayName) ?? DBNull.Value);
            upsert.Parameters.AddWithValue("at", chat.OccurredAt);
            await using var reader = await upsert.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (conversationId, mode) = (reader.GetGuid(0), (ConversationMode)reader.GetInt32(1));
        }

        if (mode == ConversationMode.Person)
        {
            await using var back = new NpgsqlCommand(BackToBotSql, connection, tx);
            back.Parameters.AddWithValue("conversation", conversationId);
            back.Parameters.AddWithValue("at", chat.OccurredAt);
            back.Parameters.AddWithValue("idle_before", chat.OccurredAt - handoff.BackToBotAfter);
            if (await back.ExecuteScalarAsync(ct) is int) // idle person conversation
            {
                mode = ConversationMode.Bot;
            }
        }

        int inserted;
        var messageId = Guid.CreateVersion7();
        await using (var insert = new NpgsqlCommand(InsertSql, connection, tx))
        {
            insert.Parameters.AddWithValue("id", messageId);
            insert.Parameters.AddWithValue("conversation", conversationId);
            insert.Parameters.AddWithValue("type", type);
            insert.Parameters.AddWithValue("text", (object?)text ?? DBNull.Value);
            insert.Parameters.AddWithValue("content", message.GetRawText());
            insert.Parameters.AddWithValue("event", chat.WebhookEventId);
            insert.Parameters.AddWithValue("at", chat.OccurredAt);
            inserted = await insert.ExecuteNonQueryAsync(ct);
        }

        var lineMessageId = MediaFetcher.MediaTypes.Contains(type) && message.TryGetProperty("id", out var id) ? id.GetString() : null;
        if (inserted == 1 && lineMessageId is not null)
        {
            await using var pending = new NpgsqlCommand("INSERT INTO conversations_media (message_id, line_message_id, status) VALUES (@id, @line, 0)", connection, tx);
            pending.Parameters.AddWithValue("id", messageId);
            pending.Parameters.AddWithValue("line", lineMessageId);
            await pending.ExecuteNonQueryAsync(ct);
        }

        if (inserted == 1)
        {
            await using var received = new NpgsqlCommand(ReceivedSql, connection, tx);
            received.Parameters.AddWithValue("conversation", conversationId);
            received.Parameters.AddWithValue("at", chat.OccurredAt);
            received.Parameters.AddWithValue("preview", MessagePreview.Of(type, text, message));
            received.Parameters.Add(new NpgsqlParameter("token", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)chat.ReplyToken ?? DBNull.Value });
            var readToken = message.TryGetProperty("markAsReadToken", out var read) ? read.GetString() : null;
            received.Parameters.Add(new NpgsqlParameter("read_token", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)readToken ?? DBNull.Value });
            await received.ExecuteNonQueryAsync(ct);
            await using var notify = ConversationSignals.Notify(connection, tx, conversationId);
            await notify.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (inserted == 1 && lineMessageId is not null)
        {
            await media.FetchAsync(messageId, ct); // once, now: LINE deletes content after a while
        }

        if (inserted == 1 && await surveys.AnswerAsync(chat, ct) is { } next)
        {
            // Keyed by the event: a retried event answers once.
            await replies.AnswerAsync(conversationId, next, DeterministicGuid.From($"survey:{chat.WebhookEventId}"), "問卷", ct);
            await using var answered = dataSource.CreateCommand(SurveyAnsweredSql);
            answered.Parameters.AddWithValue("conversation", conversationId);
            answered.Parameters.AddWithValue("at", chat.OccurredAt);
            await answered.ExecuteNonQueryAsync(ct);
            return true;
        }

        if (mode == ConversationMode.Bot && inserted == 1 && IsHandoff(chat.Text))
        {
            await replies.HandOffAsync(conversationId, clock.GetUtcNow(), ct);
            return true;
        }

        return mode == ConversationMode.Person;
    }

    internal static bool IsHandoff(string? text) =>
        text is not null && HandoffKeywords.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);
}
