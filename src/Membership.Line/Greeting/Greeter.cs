using System.Security.Cryptography;
using System.Text;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Line.Persistence;
using Microsoft.Extensions.Logging;

namespace Membership.Line.Greeting;

/// <summary>
/// Sends the greeting with the event's free reply token while it is fresh; when LINE refuses the token (expired,
/// used, a redelivery) or the event is old or retried, it pushes instead, with a retry key derived from the event
/// so a repeated push is accepted once by LINE.
/// </summary>
internal sealed partial class Greeter(
    ILineMessagingClient line,
    LineChannelSettings settings,
    IMemberLinks links,
    TimeProvider clock,
    ILogger<Greeter> logger)
{
    private static readonly TimeSpan ReplyWindow = TimeSpan.FromSeconds(50); // LINE allows about a minute

    /// <param name="lineLanguage">The new friend's LINE language: the built-in greeting is in English for <c>en…</c>.</param>
    public async Task GreetAsync(InboxEvent item, string? replyToken, string? lineLanguage, CancellationToken ct)
    {
        var text = (await settings.GetGreetingAsync(lineLanguage, ct)).Replace("{registerUrl}", links.RegisterUrl(item.LineUserId!), StringComparison.Ordinal);
        LineMessage[] messages = [new TextMessage(text)];

        var fresh = clock.GetUtcNow() - item.OccurredAt < ReplyWindow;
        if (replyToken is not null && fresh && item.Attempts == 0)
        {
            try
            {
                await line.ReplyAsync(new ReplyMessageRequest(replyToken, messages), ct);
                return;
            }
            catch (LineApiException ex) when (ex.IsInvalidReplyToken)
            {
                LogReplyRefused(item.WebhookEventId);
            }
        }

        await line.PushAsync(new PushMessageRequest(item.LineUserId!, messages), RetryKeyFor(item.WebhookEventId, "greeting"), ct);
    }

    /// <summary>A UUID fixed by the event and purpose: every retry of this push carries the same key.</summary>
    internal static Guid RetryKeyFor(string webhookEventId, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{webhookEventId}:{purpose}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom), variant 10
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply token of {WebhookEventId} refused; greeting by push")]
    private partial void LogReplyRefused(string webhookEventId);
}
