using System.Text.Json;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Line.Persistence;
using Membership.Line.RichMenu;

namespace Membership.Line.Events;

/// <summary>
/// Messages and postbacks go on the member's timeline and to the <see cref="ILineChatRecorder"/>s (the staff inbox), then the
/// <see cref="ILineChatResponder"/>s (keyword auto-replies) may answer them unless a person has the conversation; a postback none answers gets the rich
/// menu's own answer. A user who was a friend before this system knew them becomes a member first, with their profile.
/// </summary>
internal sealed class ChatActivityHandler(
    ILineMessagingClient line, IMembersModule members, RichMenuPostbackHandler richMenu, IEnumerable<ILineChatRecorder> recorders,
    IEnumerable<ILineChatResponder> responders)
{
    public async Task HandleAsync(InboxEvent item, JsonElement payload, CancellationToken ct)
    {
        var userId = item.LineUserId!;
        var activity = item.EventType == "postback"
            ? new LineActivity(userId, item.OccurredAt, item.WebhookEventId, TimelineKinds.Postback, PostbackSummary(payload), PostbackData: PostbackSummary(payload))
            : new LineActivity(userId, item.OccurredAt, item.WebhookEventId, TimelineKinds.Message, MessageSummary(payload), Text: MessageText(payload));

        if (await members.RecordLineActivityAsync(activity, ct) is null)
        {
            var profile = await line.GetProfileAsync(userId, ct);
            await members.RecordLineFollowAsync(
                new LineFollow(userId, item.OccurredAt, $"{item.WebhookEventId}:known-friend", false,
                    profile?.DisplayName, profile?.PictureUrl, profile?.Language),
                ct);
            await members.RecordLineActivityAsync(activity, ct);
        }

        var replyToken = payload.TryGetProperty("replyToken", out var token) ? token.GetString() : null;
        var message = payload.TryGetProperty("message", out var body) ? body.Clone() : (JsonElement?)null;
        var chat = new LineChatEvent(userId, item.WebhookEventId, item.OccurredAt, activity.Text, activity.PostbackData, replyToken, message);
        var heldForPerson = false;
        foreach (var recorder in recorders)
        {
            heldForPerson |= await recorder.RecordAsync(chat, ct);
        }

        foreach (var responder in heldForPerson ? [] : responders)
        {
            if (await responder.AnswerAsync(chat, ct))
            {
                return;
            }
        }

        if (item.EventType == "postback")
        {
            await richMenu.TryReplyAsync(userId, activity.Summary, replyToken, ct);
        }
    }

    internal static string MessageSummary(JsonElement payload)
    {
        if (!payload.TryGetProperty("message", out var message) || !message.TryGetProperty("type", out var type))
        {
            return "[message]";
        }

        return type.GetString() switch
        {
            "text" when message.TryGetProperty("text", out var text) => text.GetString() ?? "",
            "sticker" => "[sticker]",
            "location" when message.TryGetProperty("address", out var address) => $"[location] {address.GetString()}",
            var other => $"[{other}]",
        };
    }

    /// <summary>A text message's text; null for every other kind of message.</summary>
    internal static string? MessageText(JsonElement payload) =>
        payload.TryGetProperty("message", out var message) && message.TryGetProperty("type", out var type) && type.GetString() == "text"
            && message.TryGetProperty("text", out var text)
            ? text.GetString()
            : null;

    internal static string PostbackSummary(JsonElement payload) =>
        payload.TryGetProperty("postback", out var postback) && postback.TryGetProperty("data", out var data)
            ? data.GetString() ?? ""
            : "";
}
