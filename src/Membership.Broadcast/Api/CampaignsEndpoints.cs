using System.Security.Claims;
using System.Text.Json;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Broadcast.Api;

/// <summary>Marketing API: campaigns (create a draft, schedule, cancel, read its progress).</summary>
internal static class CampaignsEndpoints
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IntegrationApi.RoutePrefix + "/campaigns")
            .RequireAuthorization(IntegrationApi.MarketingPolicy)
            .WithTags("Campaigns")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/", CreateAsync).WithName("CreateCampaign")
            .WithSummary("Creates a draft campaign: 201 {id}; 400 names each invalid field (e.g. messages[1].text)").ProducesValidationProblem();
        api.MapPost("/{id:guid}/schedule", ScheduleAsync).WithName("ScheduleCampaign")
            .WithSummary("Schedules a draft {at} or {now:true}: 202; 409 inside quiet hours without ignoreQuietHours, or beyond the LINE quota")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelCampaign")
            .WithSummary("Cancels a draft or scheduled campaign before it starts: 204; 409 once started").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}/results", ResultsAsync).WithName("GetCampaignResults")
            .WithSummary("Clicks, redemptions, purchases and revenue of recipients vs holdout, with the conversion lift and its 95 % interval (null: not enough data)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}", GetAsync).WithName("GetCampaign").WithSummary("Status and recipient counts").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<CampaignCreatedResponse>, ValidationProblem>> CreateAsync(
        CreateCampaignBody body, IBroadcastModule broadcast, ISegmentationModule segmentation, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new List<BroadcastError>();
        SegmentNode? definition = null;
        if (body.Audience?.Definition is { } json)
        {
            var parsed = segmentation.ParseDefinition(json.GetRawText());
            definition = parsed.Definition;
            errors.AddRange(parsed.Errors.Select(e => new BroadcastError($"audience.definition.{e.Path}", e.Message)));
        }

        if (errors.Count == 0)
        {
            var audience = body.Audience is { } a
                ? new CampaignAudience(a.SegmentId, definition, a.Tags, a.AllFriends ?? false, a.ExcludeTags, a.ExcludeSegments)
                : null;
            var result = await broadcast.CreateCampaignAsync(new CreateCampaignRequest(
                body.Name ?? "", audience!, body.Messages ?? [], body.HoldoutPercent ?? 5, body.AttributionDays ?? 7, Actor(user)), ct);
            if (result.Succeeded)
            {
                return TypedResults.Created($"{IntegrationApi.RoutePrefix}/campaigns/{result.Id}", new CampaignCreatedResponse(result.Id!.Value));
            }

            errors.AddRange(result.Errors);
        }

        return TypedResults.ValidationProblem(errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
    }

    private static async Task<Results<Accepted<ScheduleResponse>, ProblemHttpResult>> ScheduleAsync(
        Guid id, ScheduleBody body, IBroadcastModule broadcast, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await broadcast.ScheduleAsync(new ScheduleCampaignRequest(id, body.At, body.Now ?? false, body.IgnoreQuietHours ?? false, Actor(user)), ct);
        return result.Outcome switch
        {
            ScheduleOutcome.Scheduled => TypedResults.Accepted($"{IntegrationApi.RoutePrefix}/campaigns/{id}",
                new ScheduleResponse(result.StartsAt!.Value, result.Preview!.Recipients, result.Preview.Holdout, result.Preview.QuotaRemaining)),
            ScheduleOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found", detail: result.Error),
            ScheduleOutcome.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid schedule", detail: result.Error),
            ScheduleOutcome.InsideQuietHours => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Inside quiet hours", detail: result.Error),
            ScheduleOutcome.QuotaExceeded => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Beyond the LINE quota", detail: result.Error),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a draft", detail: result.Error),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(Guid id, IBroadcastModule broadcast, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await broadcast.CancelAsync(id, Actor(user), ct))
        {
            return TypedResults.NoContent();
        }

        return await broadcast.GetCampaignAsync(id, ct) is { } campaign
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot cancel", detail: $"The campaign is {campaign.Status}.")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found");
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetAsync(Guid id, IBroadcastModule broadcast, CancellationToken ct)
    {
        if (await broadcast.GetCampaignAsync(id, ct) is not { } c)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found");
        }

        return TypedResults.Ok(new CampaignResponse(
            c.Id, c.Name, JsonNamingPolicy.CamelCase.ConvertName(c.Status.ToString()), c.Counts.Recipients, c.Counts.Sent, c.Counts.Failed,
            c.Counts.Skipped, c.Counts.Holdout, c.Counts.Pending, c.ScheduledAt, c.StartedAt, c.FinishedAt, c.Error));
    }

    private static async Task<Results<Ok<CampaignResultsResponse>, ProblemHttpResult>> ResultsAsync(Guid id, IBroadcastModule broadcast, CancellationToken ct)
    {
        if (await broadcast.GetResultsAsync(id, lineFigures: false, ct) is not { } r)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found");
        }

        return TypedResults.Ok(new CampaignResultsResponse(
            r.Sent, r.Clicks, r.UniqueClickers, r.Redemptions, r.Purchasers, r.Revenue,
            new HoldoutResponse(r.Holdout.Members, r.Holdout.Purchasers, r.Holdout.Revenue),
            r.ConversionLift is { } lift ? new LiftResponse(lift.Difference, lift.Low, lift.High) : null,
            r.AttributionDays, r.WindowEndsAt, r.WindowOpen));
    }

    private static string Actor(ClaimsPrincipal user) => "api:" + (user.Identity?.Name ?? "key");
}

internal sealed record CampaignAudienceBody(
    Guid? SegmentId, JsonElement? Definition, List<string>? Tags, bool? AllFriends, List<string>? ExcludeTags, List<Guid>? ExcludeSegments);

internal sealed record CreateCampaignBody(
    string? Name, CampaignAudienceBody? Audience, List<JsonElement>? Messages, decimal? HoldoutPercent, int? AttributionDays);

internal sealed record CampaignCreatedResponse(Guid Id);

internal sealed record ScheduleBody(DateTimeOffset? At, bool? Now, bool? IgnoreQuietHours);

internal sealed record ScheduleResponse(DateTimeOffset StartsAt, int Recipients, int Holdout, long? QuotaRemaining);

internal sealed record CampaignResponse(
    Guid Id, string Name, string Status, int Recipients, int Sent, int Failed, int Skipped, int Holdout, int Pending,
    DateTimeOffset? ScheduledAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

internal sealed record HoldoutResponse(int Members, int Purchasers, decimal Revenue);

/// <summary>Recipients' conversion rate minus the holdout's (a fraction), with its 95 % interval.</summary>
internal sealed record LiftResponse(double ConversionDiff, double Low, double High);

internal sealed record CampaignResultsResponse(
    int Sent, int Clicks, int UniqueClickers, int Redemptions, int Purchasers, decimal Revenue, HoldoutResponse Holdout, LiftResponse? Lift,
    int AttributionDays, DateTimeOffset? WindowEndsAt, bool WindowOpen);
