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
            string userId, EventRequest request, UserDirectory users, ReplyTokenStore replyTokens,
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
                case "message" when !string.IsNullOrEmpty(request.Text):
                    webhookEvent["message"] = new JsonObject
                    {
                        ["type"] = "text",
                        ["id"] = Interlocked.Increment(ref _nextMessageId).ToString(CultureInfo.InvariantCulture),
                        ["text"] = request.Text,
                        ["quoteToken"] = Guid.NewGuid().ToString("N"),
                    };
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
            return Results.Json(new EventResult((string)webhookEvent["webhookEventId"]!, replyToken, status), statusCode: StatusCodes.Status202Accepted);
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

    internal sealed record EventRequest(string? Type, string? Text, string? Data);

    internal sealed record RedeliverRequest(string? WebhookEventId);

    /// <param name="WebhookStatus">The status code the app answered, null when no webhook URL is set or it was unreachable.</param>
    internal sealed record EventResult(string WebhookEventId, string? ReplyToken, int? WebhookStatus);
}
