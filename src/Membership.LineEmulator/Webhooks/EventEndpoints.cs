using System.Globalization;
using System.Text.Json.Nodes;
using Membership.LineEmulator.State;

namespace Membership.LineEmulator.Webhooks;

/// <summary>A simulated user acts (follow, unfollow, message, postback): the app gets a signed webhook.</summary>
internal static class EventEndpoints
{
    private static long _nextMessageId = 100_000_000_000_000_000 + Random.Shared.NextInt64(1_000_000_000_000);

    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/_emulator/users/{userId}/events", async (
            string userId, EventRequest request, UserDirectory users, ReplyTokenStore replyTokens, ChatStore chats,
            WebhookSender sender, TimeProvider time, CancellationToken ct) =>
        {
            var user = users.Find(userId);
            if (user is null)
            {
                return Results.NotFound(new { message = "Unknown user" });
            }

            var now = time.GetUtcNow();
            var webhookEvent = new JsonObject { ["type"] = request.Type };
            switch (request.Type)
            {
                case "follow":
                    webhookEvent["follow"] = new JsonObject { ["isUnblocked"] = user.IsBlocked };
                    users.Update(userId, u => (u.IsFriend, u.IsBlocked) = (true, false));
                    break;
                case "unfollow":
                    users.Update(userId, u => (u.IsFriend, u.IsBlocked) = (false, true));
                    break;
                case "message" when !string.IsNullOrEmpty(request.Text) || request.Message is not null:
                    if (UserMessage(request, chats) is not { } message)
                    {
                        return Results.BadRequest(new { message = "message.type must be text, sticker, image, video, audio, file or location; content must be base64" });
                    }

                    message["markAsReadToken"] = chats.IssueReadToken(userId, (string)message["id"]!);
                    webhookEvent["message"] = message;
                    break;
                case "postback" when request.Data is not null:
                    webhookEvent["postback"] = new JsonObject { ["data"] = request.Data };
                    break;
                default:
                    return Results.BadRequest(new { message = "type must be follow, unfollow, message (with text) or postback (with data)" });
            }

            var replyToken = request.Type == "unfollow" ? null : replyTokens.Issue(userId);
            webhookEvent["webhookEventId"] = Ulid.New(now);
            webhookEvent["deliveryContext"] = new JsonObject { ["isRedelivery"] = false };
            webhookEvent["timestamp"] = now.ToUnixTimeMilliseconds();
            webhookEvent["source"] = new JsonObject { ["type"] = "user", ["userId"] = userId };
            if (replyToken is not null)
            {
                webhookEvent["replyToken"] = replyToken;
            }

            webhookEvent["mode"] = "active";
            var status = await sender.SendAsync(webhookEvent, ct);
            return Results.Json(
                new EventResult((string)webhookEvent["webhookEventId"]!, replyToken, status, webhookEvent["message"]?.DeepClone() as JsonObject),
                statusCode: StatusCodes.Status202Accepted);
        });

        app.MapPost("/_emulator/webhooks/redeliver", async (RedeliverRequest request, WebhookSender sender, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(request.WebhookEventId) || await sender.RedeliverAsync(request.WebhookEventId, ct) is not { } redelivered)
            {
                return Results.NotFound(new { message = "Unknown webhookEventId" });
            }

            return Results.Json(
                new EventResult(request.WebhookEventId, (string?)redelivered.Event["replyToken"], redelivered.Status),
                statusCode: StatusCodes.Status202Accepted);
        });
    }

    /// <summary>
    /// The message object LINE's webhook carries: text from <see cref="EventRequest.Text"/>, or the given sticker, media or
    /// location object with an id; media content (given as base64, else a small sample) is kept for the data API.
    /// </summary>
    private static JsonObject? UserMessage(EventRequest request, ChatStore chats)
    {
        var id = Interlocked.Increment(ref _nextMessageId).ToString(CultureInfo.InvariantCulture);
        if (request.Message is null)
        {
            return new JsonObject { ["type"] = "text", ["id"] = id, ["text"] = request.Text, ["quoteToken"] = Guid.NewGuid().ToString("N") };
        }

        var message = (JsonObject)request.Message.DeepClone();
        var type = (string?)message["type"];
        message["id"] = id;
        switch (type)
        {
            case "text" or "sticker":
                message["quoteToken"] = Guid.NewGuid().ToString("N");
                return message;
            case "location":
                return message;
            case "image" or "video" or "audio" or "file":
                byte[] bytes;
                try
                {
                    bytes = request.Content is { } base64 ? Convert.FromBase64String(base64) : SampleContent.For(type);
                }
                catch (FormatException)
                {
                    return null;
                }

                chats.StoreContent(id, bytes, request.ContentType ?? SampleContent.TypeOf(type));
                if (type != "file")
                {
                    message["contentProvider"] = new JsonObject { ["type"] = "line" };
                }
                else
                {
                    message["fileSize"] = bytes.Length;
                }

                if (type == "image")
                {
                    message["quoteToken"] = Guid.NewGuid().ToString("N");
                }

                return message;
            default:
                return null;
        }
    }

    /// <param name="Message">A sticker, media or location message object (its id is given here).</param>
    /// <param name="Content">Base64 bytes of a media message's content.</param>
    internal sealed record EventRequest(string? Type, string? Text, string? Data, JsonObject? Message = null, string? Content = null, string? ContentType = null);

    internal sealed record RedeliverRequest(string? WebhookEventId);

    /// <param name="WebhookStatus">The status code the app answered, null when no webhook URL is set or it was unreachable.</param>
    /// <param name="Message">A message event's message object as the webhook carried it (its id, markAsReadToken).</param>
    internal sealed record EventResult(string WebhookEventId, string? ReplyToken, int? WebhookStatus, JsonObject? Message = null);
}
