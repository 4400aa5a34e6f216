using System.Security.Claims;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Tags.Api;

/// <summary>The tag endpoints of the marketing API; keys need the <c>marketing</c> scope.</summary>
internal static class TagApiEndpoints
{
    public static IEndpointRouteBuilder MapTagApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IntegrationApi.RoutePrefix)
            .RequireAuthorization(IntegrationApi.MarketingPolicy)
            .WithTags("Tags")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/tags", ListAsync).WithName("ListTags").WithSummary("Tags that can be given (archived ones left out), with member counts");
        api.MapPost("/tags", CreateAsync).WithName("CreateTag").WithSummary("Creates a tag; 409 when a tag has the name (case-insensitive)")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();
        api.MapPost("/members/{memberCode}/tags", TagMemberAsync).WithName("TagMember")
            .WithSummary("Gives the member a tag: 201 added, 200 when the member has it already")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem();
        api.MapDelete("/members/{memberCode}/tags/{tag}", UntagMemberAsync).WithName("UntagMember")
            .WithSummary("Removes the tag from the member (204 also when the member did not have it); the history keeps it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<Ok<List<TagResponse>>> ListAsync(ITagsModule tags, CancellationToken ct)
    {
        var counts = await tags.CountMembersByTagAsync(ct);
        var list = await tags.ListTagsAsync(false, ct);
        return TypedResults.Ok(list.Select(t => TagResponse.From(t, counts.GetValueOrDefault(t.Id))).ToList());
    }

    internal static async Task<Results<Created<TagResponse>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        CreateTagBody body, ClaimsPrincipal user, ITagsModule tags, CancellationToken ct)
    {
        var result = await tags.SaveTagAsync(new SaveTagRequest(null, body.Name ?? "", body.Colour, body.Description, TagKind.Manual, Actor(user)), ct);
        return result.Outcome switch
        {
            SaveTagOutcome.Saved => TypedResults.Created($"{IntegrationApi.RoutePrefix}/tags/{Uri.EscapeDataString(result.Tag!.Name)}", TagResponse.From(result.Tag, 0)),
            SaveTagOutcome.NameTaken => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Tag name exists", detail: result.Error),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Field(result.Error)] = [result.Error ?? "Invalid."] }, title: "Invalid tag"),
        };
    }

    internal static async Task<Results<Created<MemberTagResponse>, Ok<MemberTagResponse>, ProblemHttpResult, ValidationProblem>> TagMemberAsync(
        string memberCode, TagMemberBody body, ClaimsPrincipal user, ITagsModule tags, IMemberLookup members, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Tag))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tag"] = ["The tag's name is required."] }, title: "Tag missing");
        }

        var code = memberCode.Trim();
        var tag = await tags.FindTagAsync(body.Tag, ct);
        if (tag is null)
        {
            return NotFound("Unknown tag", $"No tag is named '{body.Tag.Trim()}'.");
        }

        if (await FindMemberAsync(members, code, ct) is not { } memberId)
        {
            return NotFound("Unknown member", $"No member has the code {code}.");
        }

        var result = await tags.TagMemberAsync(new TagMemberRequest(memberId, tag.Id, Actor(user), "api"), ct);
        return result.Outcome switch
        {
            TagMemberOutcome.Added => TypedResults.Created(
                $"{IntegrationApi.RoutePrefix}/members/{code}/tags/{Uri.EscapeDataString(tag.Name)}", MemberTagResponse.From(code, result.Assignment!)),
            TagMemberOutcome.AlreadyTagged => TypedResults.Ok(MemberTagResponse.From(code, result.Assignment!)),
            TagMemberOutcome.ArchivedTag => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Tag archived",
                detail: $"The tag '{tag.Name}' is archived: it is no longer given."),
            TagMemberOutcome.UnknownMember => NotFound("Unknown member", $"No member has the code {code}."),
            _ => NotFound("Unknown tag", $"No tag is named '{tag.Name}'."),
        };
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> UntagMemberAsync(
        string memberCode, string tag, ClaimsPrincipal user, ITagsModule tags, IMemberLookup members, CancellationToken ct)
    {
        var code = memberCode.Trim();
        var definition = await tags.FindTagAsync(tag, ct);
        if (definition is null)
        {
            return NotFound("Unknown tag", $"No tag is named '{tag.Trim()}'.");
        }

        if (await FindMemberAsync(members, code, ct) is not { } memberId)
        {
            return NotFound("Unknown member", $"No member has the code {code}.");
        }

        await tags.UntagMemberAsync(new UntagMemberRequest(memberId, definition.Id, Actor(user)), ct);
        return TypedResults.NoContent();
    }

    /// <summary>The API key's name (the authentication handler puts it in the Name claim).</summary>
    internal static TagActor Actor(ClaimsPrincipal user) => new(TagActorKind.ApiKey, user.FindFirstValue(ClaimTypes.Name) ?? "api");

    private static async Task<Guid?> FindMemberAsync(IMemberLookup members, string code, CancellationToken ct) =>
        (await members.FindIdsByCodeAsync([code], ct)).TryGetValue(code, out var id) ? id : null;

    private static string Field(string? error) =>
        error is null ? "name" : error.Contains("colour", StringComparison.Ordinal) ? "colour" : error.Contains("description", StringComparison.Ordinal) ? "description" : "name";

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
