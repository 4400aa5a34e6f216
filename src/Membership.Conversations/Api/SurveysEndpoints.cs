using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Conversations.Api;

/// <summary>Survey results for keys with scope <c>marketing</c>: the responses by member code, without personal data.</summary>
internal static class SurveysEndpoints
{
    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IntegrationApi.RoutePrefix + "/surveys")
            .RequireAuthorization(IntegrationApi.MarketingPolicy)
            .WithTags("Surveys")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{id:guid}/responses", ResponsesAsync).WithName("ListSurveyResponses")
            .WithSummary("The survey's responses newest first (?page=&pageSize= up to 200): member code, started, completed, answers by question id")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<SurveyResponsesResponse>, ProblemHttpResult>> ResponsesAsync(
        Guid id, int? page, int? pageSize, ISurveys surveys, CancellationToken ct)
    {
        if (await surveys.GetAsync(id, ct) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Survey not found", detail: $"No survey has the id {id}.");
        }

        var responses = await surveys.ListResponsesAsync(id, new PageRequest(page ?? 1, pageSize ?? 50), ct);
        return TypedResults.Ok(new SurveyResponsesResponse(
            responses.Items.Select(r => new SurveyResponseItem(
                r.MemberCode, r.StartedAt, r.CompletedAt,
                r.Answers.Select(a => new SurveyAnswerItem(a.QuestionId, a.ChoiceIds, a.Rating, a.Text)).ToList())).ToList(),
            responses.TotalCount, responses.Page, responses.PageSize));
    }
}

internal sealed record SurveyResponsesResponse(IReadOnlyList<SurveyResponseItem> Items, int TotalCount, int Page, int PageSize);

/// <param name="MemberCode">Null for a member erased since (their answers go with them).</param>
internal sealed record SurveyResponseItem(string? MemberCode, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, IReadOnlyList<SurveyAnswerItem> Answers);

internal sealed record SurveyAnswerItem(string QuestionId, IReadOnlyList<string> ChoiceIds, int? Rating, string? Text);
