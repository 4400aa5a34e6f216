using System.Security.Claims;
using System.Text.Json;
using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Segmentation.Segments;

/// <summary>Marketing API: count a definition, save segments, list them and their members.</summary>
internal static class SegmentsEndpoints
{
    public static IEndpointRouteBuilder MapSegmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{IntegrationApi.RoutePrefix}/segments")
            .RequireAuthorization(IntegrationApi.MarketingPolicy)
            .WithTags("Segments")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/count", CountAsync).WithName("CountSegment")
            .WithSummary("Members matching a definition now, and how many of them LINE can reach").ProducesValidationProblem();
        api.MapPost("/", SaveAsync).WithName("SaveSegment")
            .WithSummary("Saves a segment: 201 with its id, 409 when the name is taken").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListAsync).WithName("ListSegments").WithSummary("Saved segments with their counts");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetSegment").WithSummary("A saved segment with its count").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/members", MembersAsync).WithName("ListSegmentMembers")
            .WithSummary("A page of the segment's members, by member code").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<CountResponse>, ValidationProblem>> CountAsync(DefinitionBody body, ISegmentationModule segmentation, CancellationToken ct)
    {
        var parsed = Read(body.Definition, segmentation)!;
        if (!parsed.IsValid)
        {
            return Invalid(parsed.Errors);
        }

        var count = await segmentation.CountAsync(parsed.Definition!, ct);
        return TypedResults.Ok(new CountResponse(count.Count, count.Reachable));
    }

    private static async Task<Results<Created<IdResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        SaveBody body, ISegmentationModule segmentation, ClaimsPrincipal user, CancellationToken ct)
    {
        var parsed = Read(body.Definition, segmentation)!;
        if (!parsed.IsValid)
        {
            return Invalid(parsed.Errors);
        }

        var result = await segmentation.SaveSegmentAsync(new SaveSegmentRequest(null, body.Name ?? "", body.Description, parsed.Definition!, $"api:{user.Identity?.Name}"), ct);
        return result.Outcome switch
        {
            SaveSegmentOutcome.Saved => TypedResults.Created($"{IntegrationApi.RoutePrefix}/segments/{result.Id}", new IdResponse(result.Id!.Value)),
            SaveSegmentOutcome.NameTaken => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken", detail: $"A segment is called '{body.Name}' already."),
            _ => Invalid(result.Errors),
        };
    }

    private static async Task<Ok<List<SegmentResponse>>> ListAsync(ISegmentationModule segmentation, CancellationToken ct) =>
        TypedResults.Ok((await segmentation.ListSegmentsAsync(ct)).Select(ToResponse).ToList());

    private static async Task<Results<Ok<SegmentResponse>, ProblemHttpResult>> GetAsync(Guid id, ISegmentationModule segmentation, CancellationToken ct) =>
        await segmentation.GetSegmentAsync(id, ct) is { } segment ? TypedResults.Ok(ToResponse(segment)) : NotFound(id);

    private static async Task<Results<Ok<MembersResponse>, ProblemHttpResult>> MembersAsync(
        Guid id, int? page, int? pageSize, ISegmentationModule segmentation, CancellationToken ct)
    {
        if (await segmentation.GetSegmentAsync(id, ct) is not { } segment)
        {
            return NotFound(id);
        }

        var members = await segmentation.ListMembersAsync(segment.Definition, new PageRequest(page ?? 1, pageSize ?? 50), ct);
        return TypedResults.Ok(new MembersResponse(
            members.Items.Select(m => new SegmentMemberResponse(m.MemberCode, m.Name, m.TierCode, m.RfmType, m.NesState ?? "none", m.Points, m.Reachable)).ToList(),
            members.TotalCount, members.Page, members.PageSize));
    }

    private static SegmentDefinitionParseResult? Read(JsonElement? definition, ISegmentationModule segmentation) =>
        definition is { ValueKind: JsonValueKind.Object } json
            ? segmentation.ParseDefinition(json.GetRawText())
            : new SegmentDefinitionParseResult(null, [new SegmentDefinitionError("definition", "A definition object is required.")]);

    private static ValidationProblem Invalid(IReadOnlyList<SegmentDefinitionError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Path.Length == 0 ? "definition" : e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "Invalid segment definition");

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Segment not found", detail: $"No saved segment has the id {id}.");

    private static SegmentResponse ToResponse(SavedSegment s) =>
        new(s.Id, s.Name, s.Description, JsonDocument.Parse(s.DefinitionJson).RootElement, s.Count?.Count ?? 0, s.Count?.Reachable ?? 0, s.UpdatedAt);
}

internal sealed record DefinitionBody(JsonElement? Definition);

internal sealed record SaveBody(string? Name, string? Description, JsonElement? Definition);

internal sealed record CountResponse(int Count, int Reachable);

internal sealed record IdResponse(Guid Id);

internal sealed record SegmentResponse(Guid Id, string Name, string? Description, JsonElement Definition, int Count, int Reachable, DateTimeOffset UpdatedAt);

internal sealed record SegmentMemberResponse(string MemberCode, string? Name, string? TierCode, string? RfmType, string NesState, int Points, bool Reachable);

internal sealed record MembersResponse(List<SegmentMemberResponse> Items, int Total, int Page, int PageSize);
