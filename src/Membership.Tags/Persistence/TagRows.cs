namespace Membership.Tags.Persistence;

internal sealed class TagRow
{
    public Guid Id { get; init; }
    public required string Name { get; set; }

    /// <summary>Lower-case name: unique, so "咖啡" and "咖啡 " or "VIP" and "vip" cannot both exist.</summary>
    public required string NormalizedName { get; set; }

    public required string Colour { get; set; }
    public string? Description { get; set; }
    public int Kind { get; set; }
    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One time a member carried a tag: removing it sets <see cref="RemovedAt"/>, the row stays as history.</summary>
internal sealed class TagAssignmentRow
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public Guid TagId { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public int AddedByKind { get; init; }
    public required string AddedBy { get; init; }
    public string? SourceId { get; init; }
    public DateTimeOffset? RemovedAt { get; set; }
    public int? RemovedByKind { get; set; }
    public string? RemovedBy { get; set; }
}

internal sealed class TagRuleRow
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public Guid TagId { get; set; }
    public int Kind { get; set; }
    public int Match { get; set; }
    public string? Keyword { get; set; }
    public string? Category { get; set; }
    public decimal? MinimumAmount { get; set; }
    public Guid? SegmentId { get; set; }
    public bool Enabled { get; set; }
    public int MembersTagged { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A rule fired for a member: at most one row per rule and member, so a repeated event tags once.</summary>
internal sealed class TagRuleFiringRow
{
    public Guid RuleId { get; init; }
    public Guid MemberId { get; init; }
    public DateTimeOffset FiredAt { get; init; }
    public string? SourceId { get; init; }
}
