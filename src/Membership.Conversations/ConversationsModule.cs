using System.Text.Json;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Conversations.Inbox;
using Membership.Conversations.Live;
using Membership.Conversations.Media;
using Membership.Conversations.Persistence;
using Membership.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Conversations;

internal sealed partial class ConversationsModule(
    IDbContextFactory<ConversationsDbContext> dbFactory, NpgsqlDataSource dataSource, StaffReplies replies, ConversationSignals signals,
    IMemberDirectory directory, MediaFetcher media, CampaignsInThread campaigns, Retention.RetentionSettings retention, Retention.PurgeExpiredContentJob purge, ILineMessagingClient line, IOptions<ConversationsOptions> options, TimeProvider clock,
    ILogger<ConversationsModule> logger)
    : IConversationsModule
{
    private static readonly TimeSpan LoadingEvery = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(10);

    public TimeSpan FirstResponseTarget => options.Value.FirstResponseTarget;

    public event Action<Guid>? Changed
    {
        add => signals.Changed += value;
        remove => signals.Changed -= value;
    }

    public async Task<PagedResult<Conversation>> ListAsync(ConversationQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var rows = db.Conversations.AsNoTracking();
        rows = query.View switch
        {
            ConversationView.Mine => rows.Where(c => c.AssignedTo == query.Staff),
            ConversationView.Unassigned => rows.Where(c => c.AssignedTo == null),
            _ => rows,
        };
        rows = query.Status switch
        {
            ConversationStatus.Snoozed => rows.Where(c => c.SnoozedUntil > now),
            { } status => rows.Where(c => c.Status == (int)status && (c.SnoozedUntil == null || c.SnoozedUntil <= now)),
            null => rows,
        };
        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            rows = await MatchingAsync(db, rows, search, ct);
        }

        var total = await rows.CountAsync(ct);
        var items = await rows
            .OrderBy(c => c.WaitingSince == null).ThenBy(c => c.WaitingSince).ThenByDescending(c => c.LastMessageAt)
            .Skip((page.Page - 1) * page.PageSize).Take(page.PageSize).ToListAsync(ct);
        return new PagedResult<Conversation>(items.Select(c => ToConversation(c, now)).ToList(), total, page.Page, page.PageSize);
    }

    public async Task<int> CountWaitingForPersonAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Conversations.CountAsync(
            c => c.Mode == (int)ConversationMode.Person && c.Status == (int)ConversationStatus.Open && c.WaitingSince != null
                && (c.SnoozedUntil == null || c.SnoozedUntil <= now), ct);
    }

    public async Task<Conversation?> GetAsync(Guid conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        return row is null ? null : ToConversation(row, clock.GetUtcNow());
    }

    public async Task<Conversation?> FindByLineUserIdAsync(string lineUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.LineUserId == lineUserId, ct);
        return row is null ? null : ToConversation(row, clock.GetUtcNow());
    }

    public async Task<Conversation?> FindByMemberCodeAsync(string memberCode, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.MemberCode == memberCode, ct);
        return row is null ? null : ToConversation(row, clock.GetUtcNow());
    }

    public async Task<IReadOnlyList<ConversationMessage>> ListMessagesAsync(Guid conversationId, int limit = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Take(Math.Clamp(limit, 1, 1000))
            .Select(m => new { Message = m, Media = db.Media.Where(x => x.MessageId == m.Id).Select(x => (int?)x.Status).FirstOrDefault() })
            .ToListAsync(ct);
        var thread = rows.AsEnumerable().Reverse().Select(r => r.Message is var m ? new ConversationMessage(
            m.Id, (MessageDirection)m.Direction, (MessageAuthor)m.Sender, m.StaffName, m.Type, m.Text, JsonSerializer.Deserialize<JsonElement>(m.ContentJson),
            m.SentBy is { } sentBy ? (SentBy)sentBy : null, m.State == 2, m.At, r.Media is { } status ? (MediaStatus)status : null, m.ContentRemoved) : null!).ToList();
        var memberId = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.MemberId).FirstOrDefaultAsync(ct);
        if (memberId is null || thread.Count == 0)
        {
            return thread;
        }

        var since = rows.Count >= Math.Clamp(limit, 1, 1000) ? thread[0].At : (DateTimeOffset?)null;
        return [.. thread.Concat(await campaigns.ListAsync(memberId.Value, since, ct)).OrderBy(m => m.At)];
    }

    public Task<StoredMedia?> GetMediaAsync(Guid messageId, CancellationToken ct = default) => media.GetAsync(messageId, ct);

    public async Task MarkReadAsync(Guid conversationId, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE conversations_conversations c SET unread = 0, mark_as_read_token = NULL
            FROM (SELECT id, mark_as_read_token FROM conversations_conversations WHERE id = @id FOR UPDATE) old
            WHERE c.id = old.id AND (c.unread > 0 OR c.mark_as_read_token IS NOT NULL)
            RETURNING old.mark_as_read_token
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("id", conversationId);
        if (await command.ExecuteScalarAsync(ct) is string token && options.Value.MarkAsRead)
        {
            await CallLineAsync(() => line.MarkAsReadAsync(token, ct), "mark-as-read");
        }
    }

    public async Task TypingAsync(Guid conversationId, string staff, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE conversations_conversations c SET typing_by = @staff, typing_at = @at,
                loading_started_at = CASE WHEN c.loading_started_at IS NULL OR c.loading_started_at < @loading_after THEN @at ELSE c.loading_started_at END
            FROM (SELECT id, loading_started_at, typing_by, typing_at FROM conversations_conversations WHERE id = @id FOR UPDATE) old
            WHERE c.id = old.id
            RETURNING c.line_user_id, old.loading_started_at IS NULL OR old.loading_started_at < @loading_after,
                old.typing_by IS DISTINCT FROM @staff OR old.typing_at < @typing_after
            """;
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(Sql, connection, tx);
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("staff", staff);
        command.Parameters.AddWithValue("at", now);
        command.Parameters.AddWithValue("loading_after", now - LoadingEvery);
        command.Parameters.AddWithValue("typing_after", now - TypingShownFor);
        string lineUserId;
        bool startLoading, newTyping;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return;
            }

            (lineUserId, startLoading, newTyping) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
        }

        if (newTyping)
        {
            await using var notify = ConversationSignals.Notify(connection, tx, conversationId); // other consoles show who types
            await notify.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (startLoading)
        {
            await CallLineAsync(() => line.ShowLoadingAsync(lineUserId, 20, ct), "loading");
        }
    }

    /// <summary>Read marks and the loading animation are courtesies: LINE refusing one never fails the staff action.</summary>
    private async Task CallLineAsync(Func<Task> call, string what)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            LogCourtesyFailed(logger, what, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LINE {What} was not accepted ({Error}); the chat goes on without it")]
    private static partial void LogCourtesyFailed(ILogger logger, string what, string error);

    public Task<StaffReplyResult> SendAsync(StaffReplyRequest request, CancellationToken ct = default) => replies.SendAsync(request, ct);

    public Task RecordOutgoingAsync(OutgoingChatMessage message, CancellationToken ct = default) => replies.RecordOutgoingAsync(message, ct);

    public Task<int?> GetRetentionDaysAsync(CancellationToken ct = default) => retention.GetDaysAsync(ct);

    public Task<IReadOnlyList<ConversationError>> SetRetentionDaysAsync(int? days, string by, CancellationToken ct = default) => retention.SetDaysAsync(days, by, ct);

    public Task<int> PurgeExpiredContentAsync(CancellationToken ct = default) => purge.RunAsync(ct);

    public Task<bool> SetModeAsync(Guid conversationId, ConversationMode mode, string by, CancellationToken ct = default) =>
        UpdateAsync(conversationId, "mode = @mode, mode_changed_at = @at", ct, ("mode", (int)mode));

    public Task<bool> ResolveAsync(Guid conversationId, string by, string? reason = null, CancellationToken ct = default) =>
        UpdateAsync(conversationId, "status = 2, mode = 0, waiting_since = NULL, unread = 0, mode_changed_at = @at, snoozed_until = NULL, resolved_reason = @reason", ct,
            ("reason", string.IsNullOrWhiteSpace(reason) ? DBNull.Value : reason.Trim()[..Math.Min(reason.Trim().Length, 200)]));

    public Task<bool> SnoozeAsync(Guid conversationId, DateTimeOffset until, string by, CancellationToken ct = default) =>
        until <= clock.GetUtcNow() ? Task.FromResult(false) : UpdateAsync(conversationId, "snoozed_until = @until", ct, ("until", until));

    /// <summary>
    /// The member's name, LINE name, mobile or code through the member directory (its own indexes and masking rules), the
    /// name the conversation keeps, or a message's text (trigram indexes).
    /// </summary>
    private async Task<IQueryable<ConversationRow>> MatchingAsync(ConversationsDbContext db, IQueryable<ConversationRow> rows, string search, CancellationToken ct)
    {
        var members = (await directory.SearchAsync(new MemberQuery(search), new PageRequest(1, PageRequest.MaxPageSize), ct: ct)).Items.Select(m => (Guid?)m.Id).ToList();
        var pattern = LikePattern.Contains(search);
        var inText = db.Messages.Where(m => EF.Functions.ILike(m.Text!, pattern)).Select(m => m.ConversationId);
        return rows.Where(c => members.Contains(c.MemberId) || EF.Functions.ILike(c.DisplayName!, pattern) || inText.Contains(c.Id));
    }

    private async Task<bool> UpdateAsync(Guid conversationId, string set, CancellationToken ct, params (string Name, object Value)[] values)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var update = new NpgsqlCommand($"UPDATE conversations_conversations SET {set} WHERE id = @id", connection, tx);
        update.Parameters.AddWithValue("id", conversationId);
        update.Parameters.AddWithValue("at", clock.GetUtcNow());
        foreach (var (name, value) in values)
        {
            update.Parameters.AddWithValue(name, value);
        }

        var changed = await update.ExecuteNonQueryAsync(ct) == 1;
        if (changed)
        {
            await using var notify = ConversationSignals.Notify(connection, tx, conversationId);
            await notify.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return changed;
    }

    private static Conversation ToConversation(ConversationRow c, DateTimeOffset now) => new(
        c.Id, c.LineUserId, c.MemberId, c.MemberCode, c.DisplayName, c.SnoozedUntil > now ? ConversationStatus.Snoozed : (ConversationStatus)c.Status, (ConversationMode)c.Mode, c.AssignedTo,
        c.LastMessageAt, c.WaitingSince, c.Unread, c.LastPreview,
        c.ReplyToken is not null && !c.ReplyTokenUsed && c.ReplyTokenAt > now - StaffReplies.ReplyTokenLifetime,
        c.SnoozedUntil > now ? c.SnoozedUntil : null, c.ResolvedReason, c.TypingAt > now - TypingShownFor ? c.TypingBy : null);
}
