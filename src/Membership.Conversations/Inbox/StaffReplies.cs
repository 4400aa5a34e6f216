using System.Text.Json;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Conversations.Live;
using Membership.Shared.Ids;
using Npgsql;

namespace Membership.Conversations.Inbox;

/// <summary>
/// Sends into a conversation. The message row (keyed by the caller's idempotency key, LINE's retry key for a push) is
/// written before LINE is called. The reply token is claimed in one <c>UPDATE … RETURNING</c>, so two staff answering at
/// once never spend it twice: the first goes by reply (free), the other by push. A token LINE refuses falls back to push.
/// </summary>
internal sealed class StaffReplies(
    NpgsqlDataSource dataSource, ILineMessagingClient line, IBroadcastModule broadcast, HandoffSettings handoff, TimeProvider clock)
{
    /// <summary>LINE keeps a reply token about a minute; with a margin for the round trip.</summary>
    public static readonly TimeSpan ReplyTokenLifetime = TimeSpan.FromSeconds(50);



    private const string InsertSql = """
        INSERT INTO conversations_messages (id, conversation_id, direction, sender, staff_name, type, text, content_json, idempotency_key, state, at)
        SELECT @id, c.id, 1, @sender, @staff, @type, @text, @content::jsonb, @key, 0, @at FROM conversations_conversations c WHERE c.id = @conversation
        ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
        """;

    private const string ClaimTokenSql = """
        UPDATE conversations_conversations SET reply_token_used = true
        WHERE id = @conversation AND reply_token IS NOT NULL AND NOT reply_token_used AND reply_token_at > @fresh_after
        RETURNING reply_token
        """;

    private const string SentSql = """
        UPDATE conversations_messages SET state = @state, sent_by = @sent_by, error = @error WHERE idempotency_key = @key;
        UPDATE conversations_conversations SET
            last_message_at = greatest(last_message_at, @at), last_preview = @preview,
            waiting_since = CASE WHEN @by_person THEN NULL ELSE waiting_since END,
            status = CASE WHEN @by_person AND status = 0 THEN 1 ELSE status END,
            mode = CASE WHEN @by_person THEN 1 ELSE mode END,
            assigned_to = CASE WHEN @by_person THEN coalesce(assigned_to, @staff) ELSE assigned_to END
        WHERE id = @conversation;
        """;

    public async Task<StaffReplyResult> SendAsync(StaffReplyRequest request, CancellationToken ct)
    {
        if (request.Messages is not { Count: >= 1 and <= 5 })
        {
            return new StaffReplyResult(StaffReplyOutcome.Invalid, Error: "1 到 5 則訊息。");
        }

        if (broadcast.CheckMessages(request.Messages) is { Count: > 0 } errors)
        {
            return new StaffReplyResult(StaffReplyOutcome.Invalid, Error: $"{errors[0].Path}: {errors[0].Message}");
        }

        return await DeliverAsync(request.ConversationId, request.Messages, request.IdempotencyKey, MessageAuthor.Staff, request.By, ct);
    }

    /// <summary>The customer asked for a person: person mode, and an acknowledgement by the message's reply token.</summary>
    public async Task HandOffAsync(Guid conversationId, DateTimeOffset at, CancellationToken ct)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var mode = new NpgsqlCommand("UPDATE conversations_conversations SET mode = 1, mode_changed_at = @at WHERE id = @id", connection))
        {
            mode.Parameters.AddWithValue("id", conversationId);
            mode.Parameters.AddWithValue("at", at);
            await mode.ExecuteNonQueryAsync(ct);
        }

        var acknowledgement = JsonSerializer.SerializeToElement(new { type = "text", text = handoff.Acknowledgement(at) });
        // Keyed by the conversation and the minute: a redelivered hand-off acknowledges once.
        var key = DeterministicGuid.From($"handoff:{conversationId}:{at:yyyyMMddHHmm}");
        await DeliverAsync(conversationId, [acknowledgement], key, MessageAuthor.AutoReply, null, ct);
    }

    /// <summary>The bot's answer in the chat (a survey's next question), by the customer's reply token while it is fresh.</summary>
    public Task<StaffReplyResult> AnswerAsync(Guid conversationId, IReadOnlyList<LineMessage> messages, Guid key, string label, CancellationToken ct) =>
        DeliverAsync(conversationId, messages.Select(LineJson.ToElement).ToList(), key, MessageAuthor.AutoReply, label, ct);

    private const string OutgoingSql = """
        WITH c AS (SELECT id FROM conversations_conversations WHERE line_user_id = @user),
        inserted AS (
            INSERT INTO conversations_messages (id, conversation_id, direction, sender, staff_name, type, text, content_json, idempotency_key, sent_by, state, at)
            SELECT @id, c.id, 1, @sender, @label, @type, @text, @content::jsonb, @key, @sent_by, 1, @at FROM c
            ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING conversation_id)
        UPDATE conversations_conversations SET
            last_message_at = greatest(last_message_at, @at), last_preview = @preview,
            reply_token_used = reply_token_used OR @token_spent
        WHERE id IN (SELECT conversation_id FROM inserted)
        RETURNING id
        """;

    public async Task RecordOutgoingAsync(OutgoingChatMessage message, CancellationToken ct)
    {
        if (message.Messages.Count == 0)
        {
            return;
        }

        var first = message.Messages[0];
        var (type, text) = (MessagePreview.TypeOf(first), MessagePreview.TextOf(first));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(OutgoingSql, connection, tx);
        command.Parameters.AddWithValue("user", message.LineUserId);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("sender", (int)message.Author);
        command.Parameters.AddWithValue("label", (object?)message.Label ?? DBNull.Value);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("text", (object?)text ?? DBNull.Value);
        command.Parameters.AddWithValue("content", JsonSerializer.Serialize(message.Messages.Count == 1 ? (object)first : message.Messages));
        command.Parameters.AddWithValue("key", message.Key);
        command.Parameters.AddWithValue("sent_by", (int)message.SentBy);
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        command.Parameters.AddWithValue("preview", MessagePreview.Of(type, text, first));
        command.Parameters.AddWithValue("token_spent", message.ReplyTokenSpent);
        if (await command.ExecuteScalarAsync(ct) is Guid conversationId)
        {
            await using var notify = ConversationSignals.Notify(connection, tx, conversationId);
            await notify.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    private async Task<StaffReplyResult> DeliverAsync(
        Guid conversationId, IReadOnlyList<JsonElement> messages, Guid key, MessageAuthor sender, string? staff, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var first = messages[0];
        var type = MessagePreview.TypeOf(first);
        var text = MessagePreview.TextOf(first);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var insert = new NpgsqlCommand(InsertSql, connection))
        {
            insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
            insert.Parameters.AddWithValue("conversation", conversationId);
            insert.Parameters.AddWithValue("sender", (int)sender);
            insert.Parameters.AddWithValue("staff", (object?)staff ?? DBNull.Value);
            insert.Parameters.AddWithValue("type", type);
            insert.Parameters.AddWithValue("text", (object?)text ?? DBNull.Value);
            insert.Parameters.AddWithValue("content", JsonSerializer.Serialize(messages.Count == 1 ? (object)first : messages));
            insert.Parameters.AddWithValue("key", key);
            insert.Parameters.AddWithValue("at", now);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return await ExistingAsync(connection, conversationId, key, ct);
            }
        }

        var lineMessages = messages.Select(m => LineJson.FromElement(m)!).ToList();
        var lineUserId = await LineUserAsync(connection, conversationId, ct);
        SentBy sentBy;
        string? error = null;
        try
        {
            sentBy = await SendAsync(connection, conversationId, lineUserId, lineMessages, key, now, ct);
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            (sentBy, error) = (SentBy.Push, ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message);
        }

        await using var sent = new NpgsqlCommand(SentSql, connection);
        sent.Parameters.AddWithValue("state", error is null ? 1 : 2);
        sent.Parameters.AddWithValue("sent_by", (int)sentBy);
        sent.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        sent.Parameters.AddWithValue("key", key);
        sent.Parameters.AddWithValue("at", now);
        sent.Parameters.AddWithValue("preview", MessagePreview.Of(type, text, first));
        sent.Parameters.AddWithValue("by_person", sender == MessageAuthor.Staff && error is null);
        sent.Parameters.AddWithValue("staff", (object?)staff ?? DBNull.Value);
        sent.Parameters.AddWithValue("conversation", conversationId);
        await sent.ExecuteNonQueryAsync(ct);
        await using (var notify = ConversationSignals.Notify(connection, null, conversationId))
        {
            await notify.ExecuteNonQueryAsync(ct);
        }

        return error is null
            ? new StaffReplyResult(StaffReplyOutcome.Sent, sentBy)
            : new StaffReplyResult(StaffReplyOutcome.Failed, sentBy, error);
    }

    private async Task<SentBy> SendAsync(
        NpgsqlConnection connection, Guid conversationId, string lineUserId, IReadOnlyList<LineMessage> messages, Guid key, DateTimeOffset now, CancellationToken ct)
    {
        await using (var claim = new NpgsqlCommand(ClaimTokenSql, connection))
        {
            claim.Parameters.AddWithValue("conversation", conversationId);
            claim.Parameters.AddWithValue("fresh_after", now - ReplyTokenLifetime);
            if (await claim.ExecuteScalarAsync(ct) is string token)
            {
                try
                {
                    await line.ReplyAsync(new ReplyMessageRequest(token, messages), ct);
                    return SentBy.Reply;
                }
                catch (LineApiException ex) when (ex.IsInvalidReplyToken)
                {
                    // Spent by an auto-reply, or expired: push instead.
                }
            }
        }

        await line.PushAsync(new PushMessageRequest(lineUserId, messages), key, ct);
        return SentBy.Push;
    }

    private static async Task<string> LineUserAsync(NpgsqlConnection connection, Guid conversationId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT line_user_id FROM conversations_conversations WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", conversationId);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<StaffReplyResult> ExistingAsync(NpgsqlConnection connection, Guid conversationId, Guid key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT sent_by FROM conversations_messages WHERE idempotency_key = @key AND conversation_id = @conversation", connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("conversation", conversationId);
        var sentBy = await command.ExecuteScalarAsync(ct);
        return sentBy switch
        {
            null => new StaffReplyResult(StaffReplyOutcome.NotFound), // no such conversation (or the key belongs to another)
            DBNull => new StaffReplyResult(StaffReplyOutcome.AlreadySent),
            _ => new StaffReplyResult(StaffReplyOutcome.AlreadySent, (SentBy)Convert.ToInt32(sentBy, System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}
