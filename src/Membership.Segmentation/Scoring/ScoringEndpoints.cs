using System.Security.Claims;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Segmentation.Scoring;

/// <summary>Marketing API: start a scoring run, follow it, read a member's scores.</summary>
internal static class ScoringEndpoints
{
    public static IEndpointRouteBuilder MapScoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IntegrationApi.RoutePrefix)
            .RequireAuthorization(IntegrationApi.MarketingPolicy)
            .WithTags("Scoring")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/scoring/runs", StartAsync)
            .WithName("StartScoringRun")
            .WithSummary("Queues an RFM/NES scoring run: 202 with its id, 409 with the active run's id while one is queued or running")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/scoring/runs/{runId:guid}", GetRunAsync)
            .WithName("GetScoringRun")
            .WithSummary("A scoring run's status: queued, running, succeeded or failed")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/members/{memberCode}/scores", GetMemberScoresAsync)
            .WithName("GetMemberScores")
            .WithSummary("The member's R, F, M, scores, RFM type and NES state from the latest run, with the reason in words (zh-TW; ?lang=en for English)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Accepted<StartRunResponse>, ProblemHttpResult>> StartAsync(
        ISegmentationModule segmentation, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await segmentation.StartScoringRunAsync($"api:{user.Identity?.Name}", ct);
        if (result.AlreadyRunning)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "A scoring run is active",
                detail: $"Run {result.RunId} is queued or running; follow it at /api/v1/scoring/runs/{result.RunId}.",
                extensions: new Dictionary<string, object?> { ["runId"] = result.RunId });
        }

        return TypedResults.Accepted($"{IntegrationApi.RoutePrefix}/scoring/runs/{result.RunId}", new StartRunResponse(result.RunId));
    }

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetRunAsync(Guid runId, ISegmentationModule segmentation, CancellationToken ct) =>
        await segmentation.GetScoringRunAsync(runId, ct) is { } run
            ? TypedResults.Ok(new RunResponse(run.Id, run.Status.ToString().ToLowerInvariant(), run.AsOfDate, run.CycleDays, run.MembersScored, run.StartedAt, run.FinishedAt))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Scoring run not found", detail: $"No scoring run has the id {runId}.");

    private static async Task<Results<Ok<ScoresResponse>, ProblemHttpResult>> GetMemberScoresAsync(
        string memberCode, string? lang, IMemberIntegration members, ISegmentationModule segmentation, CancellationToken ct)
    {
        if (await members.FindByCodeAsync(memberCode.Trim(), ct) is not { } member)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Member not found",
                detail: $"No member has the code {(memberCode.Length > 20 ? memberCode[..20] + "…" : memberCode)}.");
        }

        if (await segmentation.GetMemberScoresAsync(member.Id, english: IsEnglish(lang), ct) is not { } s)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not scored yet",
                detail: "No scoring run has scored this member yet; start one with POST /api/v1/scoring/runs.");
        }

        return TypedResults.Ok(new ScoresResponse(
            member.MemberCode, s.AsOfDate, s.RecencyDays, s.Frequency, s.Monetary, s.RScore, s.FScore, s.MScore,
            s.RfmType, s.RfmTypeName, s.NesState, s.CycleDays, s.Explanation));
    }

    /// <summary>Names and the explanation are zh-TW unless <c>lang</c> asks for English (<c>en</c>, <c>en-US</c>…).</summary>
    internal static bool IsEnglish(string? lang) => lang is { Length: >= 2 } && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}

internal sealed record StartRunResponse(Guid RunId);

internal sealed record RunResponse(Guid RunId, string Status, DateOnly AsOfDate, int? CycleDays, int MembersScored, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

internal sealed record ScoresResponse(
    string MemberCode, DateOnly AsOfDate, int? RecencyDays, int? Frequency, decimal? Monetary, int? RScore, int? FScore, int? MScore,
    string? RfmType, string? RfmTypeName, string NesState, int CycleDays, string Explanation);
