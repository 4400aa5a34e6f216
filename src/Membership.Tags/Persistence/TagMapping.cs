using Membership.Contracts.Tags;

namespace Membership.Tags.Persistence;

/// <summary>Rows to the records of the contract.</summary>
internal static class TagMapping
{
    public static TagDefinition ToDefinition(this TagRow row) =>
        new(row.Id, row.Name, row.Colour, row.Description, (TagKind)row.Kind, row.Archived, row.CreatedAt, row.CreatedBy);

    public static TagRule ToRule(this TagRuleRow row, string tagName) =>
        new(row.Id, row.Name, row.TagId, tagName, (TagRuleKind)row.Kind, (KeywordMatch)row.Match, row.Keyword, row.Category,
            row.MinimumAmount, row.SegmentId, row.Enabled, row.MembersTagged, row.CreatedAt, row.CreatedBy);

    public static TagAssignment ToAssignment(this TagAssignmentRow row, TagRow tag) =>
        new(row.Id, row.MemberId, row.TagId, tag.Name, tag.Colour, row.AddedAt, new TagActor((TagActorKind)row.AddedByKind, row.AddedBy),
            row.RemovedAt, row.RemovedBy is null ? null : new TagActor((TagActorKind)(row.RemovedByKind ?? 0), row.RemovedBy));

    /// <summary>The unique form of a tag name: "VIP", "vip" and " VIP " are one tag.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();
}
