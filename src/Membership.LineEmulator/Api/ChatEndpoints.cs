using Membership.LineEmulator.State;

namespace Membership.LineEmulator.Api;

/// <summary>
/// Content of media users sent (<c>GET /v2/bot/message/{id}/content</c>, LINE's data API), the loading animation
/// (<c>POST /v2/bot/chat/loading/start</c>) and mark as read (<c>POST /v2/bot/chat/markAsRead</c>), as messaging-api.yml has them.
/// </summary>
internal static class ChatEndpoints
{
    public static void MapChatApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/bot/message/{messageId}/content", (string messageId, ChatStore chats) =>
            chats.Content(messageId) is { } content
                ? Results.Bytes(content.Bytes, content.ContentType)
                : LineErrors.Error(StatusCodes.Status404NotFound, "Not found"));

        app.MapPost("/v2/bot/chat/loading/start", (HttpContext context, ChatStore chats, UserDirectory users) =>
        {
            if (context.LineBodyObject() is not { } body)
            {
                return HttpContextItems.NotAnObject();
            }

            var chatId = (string?)body["chatId"];
            int? seconds = body["loadingSeconds"] switch
            {
                null => 20, // LINE's default
                System.Text.Json.Nodes.JsonValue value when value.TryGetValue<int>(out var given) => given,
                _ => null,
            };
            List<ErrorDetail> errors = [];
            if (string.IsNullOrEmpty(chatId) || users.Find(chatId) is null)
            {
                errors.Add(new ErrorDetail("The value must be a valid user ID", "chatId"));
            }

            if (seconds is not (>= 5 and <= 60) || seconds % 5 != 0)
            {
                errors.Add(new ErrorDetail("The value must be one of 5, 10, ..., 60", "loadingSeconds"));
            }

            if (errors.Count > 0)
            {
                return LineErrors.BadRequest(errors);
            }

            chats.StartLoading(chatId!, seconds!.Value);
            return Results.Json(new { }, statusCode: StatusCodes.Status202Accepted);
        });

        app.MapPost("/v2/bot/chat/markAsRead", (HttpContext context, ChatStore chats) =>
        {
            if (context.LineBodyObject() is not { } body)
            {
                return HttpContextItems.NotAnObject();
            }

            return (string?)body["markAsReadToken"] is { Length: > 0 } token && chats.MarkRead(token)
                ? Results.Ok(new { })
                : LineErrors.BadRequest([new ErrorDetail("The value is invalid", "markAsReadToken")]);
        });
    }
}
