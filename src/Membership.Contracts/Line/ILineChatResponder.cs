namespace Membership.Contracts.Line;

/// <summary>
/// Answers a member's text message or postback with a free reply (Automation's keyword auto-replies). The Line module
/// asks every registered responder after the event is on the member's timeline; a postback nobody answers falls to the
/// rich menu's own answers. Called at least once per LINE event (a redelivery or a retry asks again): a responder
/// recognises the <see cref="LineChatEvent.WebhookEventId"/> and answers it once.
/// </summary>
public interface ILineChatResponder
{
    /// <returns>True when this responder answered (or had already answered) the event.</returns>
    Task<bool> AnswerAsync(LineChatEvent chat, CancellationToken ct = default);
}

/// <param name="Text">A text message's text; null for other messages and postbacks.</param>
/// <param name="PostbackData">A postback's data; null for messages.</param>
/// <param name="ReplyToken">LINE's one-use token for a free reply (about a minute); null when the event carried none.</param>
public sealed record LineChatEvent(string LineUserId, string WebhookEventId, DateTimeOffset OccurredAt, string? Text, string? PostbackData, string? ReplyToken);
