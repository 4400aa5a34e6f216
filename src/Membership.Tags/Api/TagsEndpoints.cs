using System.Security.Claims;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Tags.Api;

/// <summary>Marketing API: tag definitions, and tagging a member by member code.</summary>
internal static class TagsEndpoints
{
    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IntegrationApi.RoutePrefix)
            .RequireAuthorization(IntegrationApi.MarketingPolicy)
            .WithTags("Tags")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/tags", ListAsync).WithName("ListTags").WithSummary("Tag definitions that are not archived");
        api.MapPost("/tags", CreateAsync).WithName("CreateTag").WithSummary("Creates a tag: 201, 409 when the name exists")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/members/{memberCode}/tags", TagAsync).WithName("TagMember")
            .WithSummary("Adds a tag to a member: 201 added, 200 already there, 404 unknown tag or member").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/members/{memberCode}/tags/{tag}", UntagAsync).WithName("UntagMember")
            .WithSummary("Removes a tag from a member (kept in the history): 204, also when the member did not have it").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<List<TagResponse>>> ListAsync(ITagsModule tags, CancellationToken ct)
    {
        var counts = await tags.CountMembersByTagAsync(ct);
        return TypedResults.Ok((await tags.ListTagsAsync(false, ct))
            .Select(t => new TagResponse(t.Name, t.Colour, t.Description, counts.GetValueOrDefault(t.Id))).ToList());
    }

    private static async Task<Results<Created<TagResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTagBody body, ITagsModule tags, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await tags.SaveTagAsync(new SaveTagRequest(null, body.Name ?? "", body.Colour, body.Description, TagKind.Manual, Actor(user)), ct);
        return result.Outcome switch
        {
            SaveTagOutcome.Saved => TypedResults.Created($"{IntegrationApi.RoutePrefix}/tags", new TagResponse(result.Tag!.Name, result.Tag.Colour, result.Tag.Description, 0)),
            SaveTagOutcome.NameTaken => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Tag exists", detail: result.Error),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [result.Error ?? "Invalid tag."] }),
        };
    }

    private static async Task<Results<Created<MemberTagResponse>, Ok<MemberTagResponse>, ProblemHttpResult>> TagAsync(
        string memberCode, TagBody body, ITagsModule tags, IMemberIntegration members, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await ResolveAsync(memberCode, body.Tag, tags, members, ct) is not ({ } member, { } tag))
        {
            return NotFound(memberCode, body.Tag);
        }

        var result = await tags.TagMemberAsync(new TagMemberRequest(member, tag.Id, Actor(user)), ct);
        var response = new MemberTagResponse(memberCode.Trim(), tag.Name);
        return result.Outcome switch
        {
            TagMemberOutcome.Added => TypedResults.Created($"{IntegrationApi.RoutePrefix}/members/{memberCode}/tags/{Uri.EscapeDataString(tag.Name)}", response),
            TagMemberOutcome.AlreadyTagged => TypedResults.Ok(response),
            _ => NotFound(memberCode, body.Tag),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UntagAsync(
        string memberCode, string tag, ITagsModule tags, IMemberIntegration members, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await ResolveAsync(memberCode, tag, tags, members, ct) is not ({ } member, { } definition))
        {
            return NotFound(memberCode, tag);
        }

        await tags.UntagMemberAsync(new UntagMemberRequest(member, definition.Id, Actor(user)), ct);
        return TypedResults.NoContent();
    }

    private static async Task<(Guid? Member, TagDefinition? Tag)> ResolveAsync(
        string memberCode, string? tagName, ITagsModule tags, IMemberIntegration members, CancellationToken ct)
    {
        var tag = string.IsNullOrWhiteSpace(tagName) ? null : await tags.FindTagAsync(tagName, ct);
        var member = tag is null ? null : await members.FindByCodeAsync(memberCode.Trim(), ct);
        return (member?.Id, tag);
    }

    private static ProblemHttpResult NotFound(string memberCode, string? tag) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Member or tag not found",
            detail: $"No member has the code {(memberCode.Length > 20 ? memberCode[..20] + "…" : memberCode)}, or no tag is called '{tag}'.");

    private static TagActor Actor(ClaimsPrincipal user) => new(TagActorKind.ApiKey, user.Identity?.Name ?? "api");
}

internal sealed record CreateTagBody(string? Name, string? Colour, string? Description);

internal sealed record TagBody(string? Tag);

internal sealed record TagResponse(string Name, string Colour, string? Description, int Members);

internal sealed record MemberTagResponse(string MemberCode, string Tag);
