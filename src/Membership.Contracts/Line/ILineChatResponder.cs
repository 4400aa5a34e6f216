using System.Text.Json;

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

/// <summary>
/// Keeps every chat event (messages of every type, postbacks) for the staff inbox (Conversations). The Line module calls
/// every recorder before any <see cref="ILineChatResponder"/>, at least once per event: a recorder keeps an event once.
/// </summary>
public interface ILineChatRecorder
{
    /// <returns>True when a person answers this LINE user now (person mode), or the recorder answered the event itself (a survey's next question): responders stay silent.</returns>
    Task<bool> RecordAsync(LineChatEvent chat, CancellationToken ct = default);
}

/// <param name="Text">A text message's text; null for other messages and postbacks.</param>
/// <param name="PostbackData">A postback's data; null for messages.</param>
/// <param name="ReplyToken">LINE's one-use token for a free reply (about a minute); null when the event carried none.</param>
/// <param name="Message">The webhook's message object as LINE sent it (type, id, sticker ids, …); null for postbacks.</param>
public sealed record LineChatEvent(
    string LineUserId, string WebhookEventId, DateTimeOffset OccurredAt, string? Text, string? PostbackData, string? ReplyToken, JsonElement? Message = null);
