using Membership.LineEmulator.State;
using Membership.LineEmulator.Webhooks;

namespace Membership.LineEmulator.Inspection;

/// <summary>The <c>/_emulator</c> API that tests, tools and the customer simulator rely on (see README.md).</summary>
internal static class InspectionEndpoints
{
    public static void MapInspectionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_emulator");

        group.MapPost("/users", (CreateUserRequest request, UserDirectory users) =>
        {
            if (string.IsNullOrWhiteSpace(request.DisplayName))
            {
                return Results.BadRequest(new { message = "displayName is required" });
            }

            if (request.UserId is not null && !SimulatedUser.IsValidId(request.UserId))
            {
                return Results.BadRequest(new { message = "userId must be U followed by 32 lowercase hex digits" });
            }

            var user = new SimulatedUser(request.UserId ?? SimulatedUser.NewId(), request.DisplayName)
            {
                PictureUrl = request.PictureUrl,
                Language = request.Language,
                StatusMessage = request.StatusMessage,
            };
            return users.TryAdd(user)
                ? Results.Created($"/_emulator/users/{user.UserId}", user.ToView())
                : Results.Conflict(new { message = "userId already exists" });
        });

        group.MapGet("/users", (UserDirectory users) => Results.Ok(users.All()));

        // Load tests: many friends at once (no webhooks), and an audit of what one aggregation unit delivered.
        group.MapPost("/users/bulk", (BulkUsersRequest request, UserDirectory users) =>
        {
            var ids = request.UserIds ?? [];
            if (ids.Any(id => !SimulatedUser.IsValidId(id)))
            {
                return Results.BadRequest(new { message = "every userId must be U followed by 32 lowercase hex digits" });
            }

            return Results.Ok(new { added = users.AddFriends(ids) });
        });

        group.MapGet("/audit", (string? unit, UserDirectory users) =>
        {
            if (string.IsNullOrEmpty(unit))
            {
                return Results.BadRequest(new { message = "unit is required" });
            }

            var (count, messages, duplicated, keys) = users.Audit(unit);
            return Results.Ok(new { unit, users = count, messages, duplicatedUsers = duplicated, retryKeys = keys });
        });

        group.MapGet("/users/{userId}", (string userId, UserDirectory users) =>
            users.Find(userId) is { } user ? Results.Ok(user) : Results.NotFound(new { message = "Unknown user" }));

        // What the chat shows the user: the account read their messages up to one, the loading animation runs.
        group.MapGet("/users/{userId}/chat", (string userId, UserDirectory users, ChatStore chats) =>
            users.Find(userId) is null ? Results.NotFound(new { message = "Unknown user" }) : Results.Ok(chats.MarksOf(userId)));

        // LINE deletes user-sent content after a while: this deletes it now.
        group.MapDelete("/content/{messageId}", (string messageId, ChatStore chats) => chats.Expire(messageId) ? Results.NoContent() : Results.NotFound());

        group.MapGet("/users/{userId}/messages", (string userId, UserDirectory users) =>
            users.MessagesOf(userId) is { } messages ? Results.Ok(messages) : Results.NotFound(new { message = "Unknown user" }));

        // Simulated opens and clicks of a delivered message (by its index in the user's messages) for the unit statistics.
        group.MapPost("/users/{userId}/messages/{index:int}/open", (string userId, int index, UserDirectory users, AggregationStore stats) =>
            Mark(userId, index, users, unit => stats.Opened(unit, userId)));

        group.MapPost("/users/{userId}/messages/{index:int}/click", (string userId, int index, ClickRequest? request, UserDirectory users, AggregationStore stats) =>
            Mark(userId, index, users, unit => stats.Clicked(unit, userId, request?.Url)));

        group.MapPut("/webhook", (WebhookRequest request, WebhookSettings webhook) =>
            webhook.TrySet(request.Endpoint) ? Results.Ok(new { endpoint = webhook.Endpoint }) : Results.BadRequest(new { message = "endpoint must be an absolute http(s) URL" }));

        group.MapGet("/webhook", (WebhookSettings webhook) => Results.Ok(new { endpoint = webhook.Endpoint }));

        group.MapGet("/requests", (RequestLog log) => Results.Ok(log.All()));

        group.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        group.MapGet("/richmenu", (RichMenuStore menus) => Results.Ok(menus.Snapshot()));
    }

    private static IResult Mark(string userId, int index, UserDirectory users, Action<string> record)
    {
        if (users.MessagesOf(userId) is not { } messages)
        {
            return Results.NotFound(new { message = "Unknown user" });
        }

        if (index < 0 || index >= messages.Count)
        {
            return Results.NotFound(new { message = "No message at this index" });
        }

        if (messages[index].Unit is { } unit)
        {
            record(unit);
        }

        return Results.Ok(new { unit = messages[index].Unit });
    }

    internal sealed record ClickRequest(string? Url);

    internal sealed record BulkUsersRequest(List<string>? UserIds);

    internal sealed record CreateUserRequest(string? UserId, string? DisplayName, string? PictureUrl, string? Language, string? StatusMessage);

    internal sealed record WebhookRequest(string? Endpoint);
}
