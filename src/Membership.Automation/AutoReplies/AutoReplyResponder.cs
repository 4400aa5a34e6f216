using System.Text.Json;
using Membership.Automation.Persistence;
using Membership.Contracts.Automation;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Membership.Shared.Ids;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Automation.AutoReplies;

/// <summary>
/// Answers a member's message or postback with the first matching rule (or the default reply) through the event's reply
/// token: free, no quota. The event's row in <c>automation_reply_log</c> is written before LINE is called; a redelivered
/// or retried event finds it and replies no second time. A LINE failure worth retrying is thrown, so the Line inbox
/// retries the event while the token may still be fresh.
/// </summary>
internal sealed partial class AutoReplyResponder(
    IDbContextFactory<AutomationDbContext> dbFactory,
    AutoReplyStore store,
    IBroadcastModule broadcast,
    ILineMessagingClient line,
    IMembersModule members,
    ITagsModule tags,
    IConversationsModule conversations,
    TimeProvider clock,
    ILogger<AutoReplyResponder> logger) : ILineChatResponder
{
    public const string TimelineKind = "automation.auto-reply";
    private const string DefaultName = "預設回應";


    public async Task<bool> AnswerAsync(LineChatEvent chat, CancellationToken ct = default)
    {
        if (chat.ReplyToken is null || (chat.Text is null && chat.PostbackData is null))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var log = await db.ReplyLog.FirstOrDefaultAsync(l => l.WebhookEventId == chat.WebhookEventId, ct);
        if (log is { Status: not 0 })
        {
            return true; // answered (or given up) before: a redelivery
        }

        var answer = await ChooseAsync(chat, ct);
        if (answer is null || await members.FindByLineUserIdAsync(chat.LineUserId, ct) is not { } member)
        {
            return false;
        }

        if (log is null)
        {
            log = new ReplyLogRow
            {
                WebhookEventId = chat.WebhookEventId, MemberId = member.Id, RuleId = answer.Rule?.Id, RuleName = answer.Name,
                ReceivedAt = clock.GetUtcNow(),
            };
            db.ReplyLog.Add(log);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true; // another instance took the same event
            }
        }

        var sent = await ReplyAsync(chat.ReplyToken, answer, member.Id, log, ct);
        await db.SaveChangesAsync(ct);
        if (log.Status == 1)
        {
            await RecordAsync(chat, answer, member.Id, ct);
            await conversations.RecordOutgoingAsync(new OutgoingChatMessage(
                chat.LineUserId, sent.Select(m => LineJson.ToElement(m)).ToList(), MessageAuthor.AutoReply, SentBy.Reply,
                ReplyKey(chat.WebhookEventId), answer.Name, ReplyTokenSpent: true), ct);
            if (answer.Rule?.HandOff == true && await conversations.FindByLineUserIdAsync(chat.LineUserId, ct) is { } conversation)
            {
                await conversations.SetModeAsync(conversation.Id, ConversationMode.Person, $"auto-reply:{answer.Name}", ct);
            }
        }

        return true;
    }

    private async Task<Answer?> ChooseAsync(LineChatEvent chat, CancellationToken ct)
    {
        var time = TimeOnly.FromDateTime(TaipeiTime.Now(clock).DateTime);
        if (KeywordMatcher.Find(await store.EnabledAsync(ct), chat, time) is { } rule)
        {
            return new Answer(rule, rule.Name, rule.Messages);
        }

        if (chat.Text is null)
        {
            return null; // an unmatched postback: the rich menu answers it
        }

        var fallback = await store.GetDefaultAsync(ct);
        return fallback is { Enabled: true, Messages.Count: > 0 } ? new Answer(null, DefaultName, fallback.Messages) : null;
    }

    private async Task<IReadOnlyList<LineMessage>> ReplyAsync(string replyToken, Answer answer, Guid memberId, ReplyLogRow log, CancellationToken ct)
    {
        try
        {
            var messages = await broadcast.RenderForMemberAsync(answer.Messages, memberId, ct);
            await line.ReplyAsync(new ReplyMessageRequest(replyToken, messages), ct);
            (log.Status, log.RepliedAt, log.Error) = (1, clock.GetUtcNow(), null);
            return messages;
        }
        catch (LineApiException ex) when (ex.IsInvalidReplyToken || ex.StatusCode is >= 400 and < 500 and not 429)
        {
            // Expired, used, or refused: no paid push for an auto-reply.
            (log.Status, log.Error) = (2, Truncate($"LINE {ex.StatusCode}: {ex.LineMessage}"));
            LogReplyFailed(logger, log.WebhookEventId, ex.StatusCode);
            return [];
        }
    }

    /// <summary>The answer's key in the customer's thread: one per LINE event.</summary>
    private static Guid ReplyKey(string webhookEventId) => DeterministicGuid.From("automation:reply:" + webhookEventId);

    private async Task RecordAsync(LineChatEvent chat, Answer answer, Guid memberId, CancellationToken ct)
    {
        var sourceId = $"automation:reply:{chat.WebhookEventId}";
        await members.RecordTimelineEntryAsync(new MemberTimelineEntry(memberId, clock.GetUtcNow(), TimelineKind, $"自動回應「{answer.Name}」", sourceId), ct);
        if (answer.Rule?.AddTagId is { } tagId)
        {
            await tags.TagMemberAsync(new TagMemberRequest(memberId, tagId, new TagActor(TagActorKind.Rule, answer.Name), sourceId), ct);
        }
    }

    private static string Truncate(string text) => text.Length > 1000 ? text[..1000] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Auto-reply to LINE event {WebhookEventId} not sent: LINE answered {StatusCode}")]
    private static partial void LogReplyFailed(ILogger logger, string webhookEventId, int statusCode);

    private sealed record Answer(AutoReplyRule? Rule, string Name, IReadOnlyList<System.Text.Json.JsonElement> Messages);
}
