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

        group.MapGet("/users/{userId}", (string userId, UserDirectory users) =>
            users.Find(userId) is { } user ? Results.Ok(user) : Results.NotFound(new { message = "Unknown user" }));

        group.MapGet("/users/{userId}/messages", (string userId, UserDirectory users) =>
            users.MessagesOf(userId) is { } messages ? Results.Ok(messages) : Results.NotFound(new { message = "Unknown user" }));

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

    internal sealed record CreateUserRequest(string? UserId, string? DisplayName, string? PictureUrl, string? Language, string? StatusMessage);

    internal sealed record WebhookRequest(string? Endpoint);
}
