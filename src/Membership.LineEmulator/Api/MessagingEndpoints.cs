using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.LineEmulator.State;

namespace Membership.LineEmulator.Api;

internal static class MessagingEndpoints
{
    public static void MapMessagingApi(this IEndpointRouteBuilder app)
    {
        foreach (var endpoint in new[] { "reply", "push", "multicast", "narrowcast", "broadcast" })
        {
            app.MapPost("/v2/bot/message/" + endpoint, (HttpContext context, MessageDispatcher dispatcher) => dispatcher.SendAsync(context, endpoint));
            app.MapPost("/v2/bot/message/validate/" + endpoint, (HttpContext context) => Validate(context));
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

    /// <summary>The message rules of a send without sending: 200 <c>{}</c>, or 400 with LINE's details.</summary>
    private static IResult Validate(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return LineErrors.Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type");
        }

        if (context.LineBodyObject() is not { } root)
        {
            return HttpContextItems.NotAnObject();
        }

        var errors = new List<ErrorDetail>();
        MessageRules.ValidateMessages(root["messages"], errors);
        return errors.Count > 0 ? LineErrors.BadRequest(errors) : Results.Ok(new { });
    }
}
