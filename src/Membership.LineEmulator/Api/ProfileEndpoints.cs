using System.Globalization;
using System.Text.Json.Serialization;
using Membership.LineEmulator.State;
using Membership.LineEmulator.Webhooks;

namespace Membership.LineEmulator.Api;

internal static class ProfileEndpoints
{
    public static void MapProfileApi(this IEndpointRouteBuilder app)
    {
        // 404 for unknown and blocked users, like LINE.
        app.MapGet("/v2/bot/profile/{userId}", (string userId, UserDirectory users) =>
            users.Find(userId) is { IsBlocked: false } user
                ? Results.Ok(new ProfileBody(user.DisplayName, user.UserId, user.PictureUrl, user.StatusMessage, user.Language))
                : LineErrors.Error(StatusCodes.Status404NotFound, "Not found"));

        app.MapGet("/v2/bot/followers/ids", (string? start, int? limit, UserDirectory users) =>
        {
            var size = limit ?? 300;
            if (size is < 1 or > 1000)
            {
                return LineErrors.BadRequest([new ErrorDetail("must be between 1 and 1000", "limit")]);
            }

            var offset = 0;
            if (!string.IsNullOrEmpty(start) && !int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                return LineErrors.BadRequest([new ErrorDetail("invalid continuation token", "start")]);
            }

            var friends = users.FriendIds();
            var page = friends.Skip(offset).Take(size).ToList();
            var next = offset + page.Count < friends.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return Results.Ok(new FollowersBody(page, next));
        });

        app.MapGet("/v2/bot/channel/webhook/endpoint", (WebhookSettings webhook) =>
            Results.Ok(new { endpoint = webhook.Endpoint ?? "", active = !string.IsNullOrEmpty(webhook.Endpoint) }));

        app.MapPut("/v2/bot/channel/webhook/endpoint", (WebhookEndpointBody body, WebhookSettings webhook) =>
            webhook.TrySet(body.Endpoint) ? Results.Ok(new { }) : LineErrors.BadRequest([new ErrorDetail("must be a valid URL of at most 500 characters", "endpoint")]));
    }

    internal sealed record ProfileBody(
        string DisplayName,
        string UserId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PictureUrl,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StatusMessage,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language);

    internal sealed record FollowersBody(
        IReadOnlyList<string> UserIds,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next);

    internal sealed record WebhookEndpointBody(string? Endpoint);
}
