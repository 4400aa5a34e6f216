using System.Text.Json;
using Membership.Contracts.Tags;

namespace Membership.Tags.Api;

internal sealed record CreateTagBody(string? Name, string? Colour, string? Description);

internal sealed record TagMemberBody(string? Tag);

/// <param name="Kind"><c>manual</c>, <c>rule</c> or <c>system</c>.</param>
internal sealed record TagResponse(Guid Id, string Name, string Colour, string? Description, string Kind, int Members)
{
    public static TagResponse From(TagDefinition tag, int members) =>
        new(tag.Id, tag.Name, tag.Colour, tag.Description, tag.Kind.ToString().ToLowerInvariant(), members);
}

/// <param name="AddedBy">Who added it, e.g. <c>apiKey:crm-sync</c>.</param>
internal sealed record MemberTagResponse(string MemberCode, string Tag, DateTimeOffset AddedAt, string AddedBy)
{
    public static MemberTagResponse From(string memberCode, TagAssignment assignment) =>
        new(memberCode, assignment.TagName, assignment.AddedAt,
            $"{JsonNamingPolicy.CamelCase.ConvertName(assignment.AddedBy.Kind.ToString())}:{assignment.AddedBy.Name}");
}
