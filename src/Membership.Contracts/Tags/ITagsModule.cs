using Membership.Contracts.Common;

namespace Membership.Contracts.Tags;

/// <summary>
/// The Tags module (分眾標籤): tag definitions, who carries which tag (with the full history of who or what added and
/// removed it), bulk tagging and the rules that tag members automatically from other modules' events.
/// Segmentation reads current assignments through the published view <see cref="TagViews.MemberTags"/>.
/// </summary>
public interface ITagsModule
{
    Task<IReadOnlyList<TagDefinition>> ListTagsAsync(bool includeArchived = false, CancellationToken ct = default);

    /// <summary>By exact name (case-insensitive); null when there is none.</summary>
    Task<TagDefinition?> FindTagAsync(string name, CancellationToken ct = default);

    Task<TagDefinition?> GetTagAsync(Guid tagId, CancellationToken ct = default);

    /// <summary>Creates (<see cref="SaveTagRequest.Id"/> null) or edits a tag; refused when the name is taken or invalid.</summary>
    Task<SaveTagResult> SaveTagAsync(SaveTagRequest request, CancellationToken ct = default);

    /// <summary>Archived tags keep their assignments and history but are no longer offered for tagging.</summary>
    Task<bool> SetArchivedAsync(Guid tagId, bool archived, TagActor by, CancellationToken ct = default);

    /// <summary>Adds the tag to the member; a member who has it already keeps the first assignment.</summary>
    Task<TagMemberResult> TagMemberAsync(TagMemberRequest request, CancellationToken ct = default);

    /// <summary>Removes the tag, keeping the assignment in the history; false when the member did not have it.</summary>
    Task<bool> UntagMemberAsync(UntagMemberRequest request, CancellationToken ct = default);

    /// <summary>The member's current tags, by name.</summary>
    Task<IReadOnlyList<MemberTag>> GetMemberTagsAsync(Guid memberId, CancellationToken ct = default);

    /// <summary>Every assignment the member had, current and removed, newest first.</summary>
    Task<IReadOnlyList<TagAssignment>> GetMemberTagHistoryAsync(Guid memberId, CancellationToken ct = default);

    /// <summary>Current member counts per tag id.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountMembersByTagAsync(CancellationToken ct = default);

    /// <summary>Tags every member given (e.g. the members of a segment) in one set-based write; members who have it are left alone.</summary>
    Task<BulkTagResult> TagMembersAsync(Guid tagId, IReadOnlyCollection<Guid> memberIds, TagActor by, CancellationToken ct = default);

    /// <summary>
    /// Tags the members listed in a CSV file (one column: member code or mobile; a header row is allowed). Every row is
    /// reported. All-or-nothing: one bad row and nobody is tagged, unless <see cref="BulkTagCsvRequest.OnlyGoodRows"/>.
    /// </summary>
    Task<BulkTagCsvResult> TagFromCsvAsync(BulkTagCsvRequest request, Stream csv, IProgress<int>? progress = null, CancellationToken ct = default);

    Task<IReadOnlyList<TagRule>> ListRulesAsync(CancellationToken ct = default);

    Task<SaveTagRuleResult> SaveRuleAsync(SaveTagRuleRequest request, CancellationToken ct = default);

    Task<bool> SetRuleEnabledAsync(Guid ruleId, bool enabled, TagActor by, CancellationToken ct = default);
}

public enum TagKind
{
    Manual = 0,
    Rule = 1,
    System = 2,
}

/// <summary>Who or what added or removed a tag.</summary>
public enum TagActorKind
{
    Staff = 0,
    Rule = 1,
    ApiKey = 2,
    System = 3,
}

/// <param name="Name">The staff account's user name, the rule's name, the API key's name, or the system part (e.g. <c>import</c>).</param>
public sealed record TagActor(TagActorKind Kind, string Name)
{
    public static TagActor Staff(string userName) => new(TagActorKind.Staff, userName);

    public static TagActor System(string part) => new(TagActorKind.System, part);
}

/// <param name="Colour">A CSS hex colour, e.g. <c>#8E24AA</c>.</param>
public sealed record TagDefinition(
    Guid Id, string Name, string Colour, string? Description, TagKind Kind, bool Archived, DateTimeOffset CreatedAt, string? CreatedBy);

public sealed record SaveTagRequest(Guid? Id, string Name, string? Colour, string? Description, TagKind Kind, TagActor By);

public enum SaveTagOutcome
{
    Saved = 0,
    NameTaken = 1,
    Invalid = 2,
    NotFound = 3,
}

public sealed record SaveTagResult(SaveTagOutcome Outcome, TagDefinition? Tag, string? Error = null);

/// <param name="SourceId">What caused it (e.g. a LINE event id); kept in the history.</param>
public sealed record TagMemberRequest(Guid MemberId, Guid TagId, TagActor By, string? SourceId = null);

public sealed record UntagMemberRequest(Guid MemberId, Guid TagId, TagActor By);

public enum TagMemberOutcome
{
    Added = 0,
    AlreadyTagged = 1,
    UnknownTag = 2,
    UnknownMember = 3,
    ArchivedTag = 4,
}

public sealed record TagMemberResult(TagMemberOutcome Outcome, TagAssignment? Assignment);

public sealed record MemberTag(Guid TagId, string Name, string Colour, DateTimeOffset AddedAt, TagActor AddedBy);

public sealed record TagAssignment(
    Guid Id, Guid MemberId, Guid TagId, string TagName, string Colour,
    DateTimeOffset AddedAt, TagActor AddedBy, DateTimeOffset? RemovedAt, TagActor? RemovedBy)
{
    public bool IsCurrent => RemovedAt is null;
}

public sealed record BulkTagResult(int Tagged, int AlreadyTagged, int Unknown);

public sealed record BulkTagCsvRequest(Guid TagId, bool OnlyGoodRows, TagActor By);

public enum BulkTagRowStatus
{
    Tagged = 0,
    AlreadyTagged = 1,
    UnknownMember = 2,
    Invalid = 3,
    Duplicate = 4,
    /// <summary>A good row left untagged because another row was bad and the file is all-or-nothing.</summary>
    NotApplied = 5,
}

/// <param name="Line">1-based line number in the file.</param>
public sealed record BulkTagRow(int Line, string Value, BulkTagRowStatus Status, string? MemberCode, string? Error);

public sealed record BulkTagCsvResult(bool Applied, int Tagged, int AlreadyTagged, int Bad, IReadOnlyList<BulkTagRow> Rows, string? Error = null);

public enum TagRuleKind
{
    /// <summary>A LINE text message from the member equal to <see cref="TagRule.Keyword"/> (or containing it, see <see cref="TagRule.Match"/>).</summary>
    MessageKeyword = 0,
    /// <summary>A LINE postback whose data equals <see cref="TagRule.Keyword"/>.</summary>
    Postback = 1,
    /// <summary>A purchase with a line in <see cref="TagRule.Category"/>.</summary>
    PurchaseCategory = 2,
    /// <summary>A purchase whose total is at least <see cref="TagRule.MinimumAmount"/>.</summary>
    PurchaseTotal = 3,
    /// <summary>The member registered.</summary>
    Registration = 4,
    /// <summary>Membership of a saved segment, re-evaluated after each scoring run: members who leave it lose the tag.</summary>
    SegmentMembership = 5,
}

public enum KeywordMatch
{
    Equals = 0,
    Contains = 1,
}

public sealed record TagRule(
    Guid Id, string Name, Guid TagId, string TagName, TagRuleKind Kind, KeywordMatch Match, string? Keyword, string? Category,
    decimal? MinimumAmount, Guid? SegmentId, bool Enabled, int MembersTagged, DateTimeOffset CreatedAt, string? CreatedBy);

public sealed record SaveTagRuleRequest(
    Guid? Id, string Name, Guid TagId, TagRuleKind Kind, KeywordMatch Match, string? Keyword, string? Category,
    decimal? MinimumAmount, Guid? SegmentId, bool Enabled, TagActor By);

public sealed record SaveTagRuleResult(bool Succeeded, TagRule? Rule, string? Error = null);

/// <summary>Raised when a member gains a tag (journeys: "tag added").</summary>
public sealed record MemberTagged(Guid MemberId, Guid TagId, string TagName, TagActor By, DateTimeOffset At);

public sealed record MemberUntagged(Guid MemberId, Guid TagId, string TagName, TagActor By, DateTimeOffset At);

/// <summary>Read-only views the Tags module publishes (STYLE.md §4.3). Changing one is a contract change.</summary>
public static class TagViews
{
    /// <summary>Current assignments: <c>member_id uuid, tag_id uuid, tag_name text, added_at timestamptz</c>.</summary>
    public const string MemberTags = "tags_v_member_tags";
}
