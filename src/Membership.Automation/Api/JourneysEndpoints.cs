using System.Security.Claims;
using System.Text.Json;
using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Shared.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Automation.Api;

/// <summary>Marketing API: journeys (list, the ready-made ones included; activate, pause; status and per-step counts).</summary>
internal static class JourneysEndpoints
{
    public static IEndpointRouteBuilder MapJourneysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IntegrationApi.RoutePrefix + "/journeys")
            .RequireAuthorization(IntegrationApi.MarketingPolicy)
            .WithTags("Journeys")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", ListAsync).WithName("ListJourneys").WithSummary("Every journey with its trigger and status, the ready-made ones included");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetJourney").WithSummary("Status, runs and per-step counts {entered, waiting, done, exited}")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/activate", ActivateAsync).WithName("ActivateJourney")
            .WithSummary("Turns a journey on: 204; 400 names each incomplete step (e.g. steps[0].couponDefinitionId)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/pause", PauseAsync).WithName("PauseJourney").WithSummary("Stops entries and steps; runs wait where they are: 204")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<List<JourneySummaryResponse>>> ListAsync(IAutomationModule automation, CancellationToken ct) =>
        TypedResults.Ok((await automation.ListJourneysAsync(ct))
            .Select(j => new JourneySummaryResponse(j.Id, j.Name, ApiNames.Of(j.Trigger.Kind), ApiNames.Of(j.Status), j.Template)).ToList());

    private static async Task<Results<Ok<JourneyResponse>, ProblemHttpResult>> GetAsync(Guid id, IAutomationModule automation, CancellationToken ct)
    {
        if (await automation.GetJourneyAsync(id, ct) is not { } detail)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Journey not found");
        }

        var j = detail.Journey;
        return TypedResults.Ok(new JourneyResponse(
            j.Id, j.Name, ApiNames.Of(j.Status), ApiNames.Of(j.Trigger.Kind), j.Template, detail.Runs,
            detail.Steps.Select(s => new JourneyStepResponse(s.StepId, ApiNames.Of(s.Kind), s.Entered, s.Waiting, s.Done, s.Exited)).ToList(),
            detail.Conversion));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ActivateAsync(
        Guid id, IAutomationModule automation, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await automation.ActivateJourneyAsync(id, ApiNames.Actor(user), ct);
        return result.Change switch
        {
            JourneyStatusChange.Changed => TypedResults.NoContent(),
            JourneyStatusChange.Invalid => TypedResults.ValidationProblem(
                result.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Journey not found"),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PauseAsync(Guid id, IAutomationModule automation, ClaimsPrincipal user, CancellationToken ct) =>
        await automation.PauseJourneyAsync(id, ApiNames.Actor(user), ct) == JourneyStatusChange.Changed
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Journey not found");

}

internal sealed record JourneySummaryResponse(Guid Id, string Name, string Trigger, string Status, string? Template);

internal sealed record JourneyStepResponse(string Id, string Kind, int Entered, int Waiting, int Done, int Exited);

internal sealed record JourneyResponse(
    Guid Id, string Name, string Status, string Trigger, string? Template, JourneyRunCounts Runs, IReadOnlyList<JourneyStepResponse> Steps,
    JourneyConversion Conversion);
