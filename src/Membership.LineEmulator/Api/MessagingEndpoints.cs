using Membership.LineEmulator.State;

namespace Membership.LineEmulator.Api;

internal static class MessagingEndpoints
{
    public static void MapMessagingApi(this IEndpointRouteBuilder app)
    {
        foreach (var endpoint in new[] { "reply", "push", "multicast", "narrowcast", "broadcast" })
        {
            app.MapPost("/v2/bot/message/" + endpoint, (HttpContext context, MessageDispatcher dispatcher) => dispatcher.SendAsync(context, endpoint));
        }

        app.MapGet("/v2/bot/message/progress/narrowcast", (string? requestId, NarrowcastStore narrowcasts) =>
        {
            if (string.IsNullOrEmpty(requestId))
            {
                return LineErrors.BadRequest([new ErrorDetail("must be specified", "requestId")]);
            }

            return narrowcasts.Find(requestId) is { } progress
                ? Results.Ok(progress)
                : LineErrors.Error(StatusCodes.Status404NotFound, "Not found");
        });

        app.MapGet("/v2/bot/message/quota", (QuotaCounter quota) =>
            quota.Limit is { } limit ? Results.Ok(new { type = "limited", value = limit }) : Results.Ok(new { type = "none" }));

        app.MapGet("/v2/bot/message/quota/consumption", (QuotaCounter quota) => Results.Ok(new { totalUsage = quota.TotalUsage }));
    }
}
