using Membership.Contracts.Tags;
using Membership.Tags.Assignments;
using Membership.Tags.Bulk;
using Membership.Tags.Definitions;
using Membership.Tags.Rules;

namespace Membership.Tags;

internal sealed class TagsModule(TagDefinitions definitions, TagAssignments assignments, CsvTagging csvTagging, TagRules rules) : ITagsModule
{
    public Task<IReadOnlyList<TagDefinition>> ListTagsAsync(bool includeArchived = false, CancellationToken ct = default) =>
        definitions.ListAsync(includeArchived, ct);

    public Task<TagDefinition?> FindTagAsync(string name, CancellationToken ct = default) => definitions.FindAsync(name, ct);

    public Task<TagDefinition?> GetTagAsync(Guid tagId, CancellationToken ct = default) => definitions.GetAsync(tagId, ct);

    public Task<SaveTagResult> SaveTagAsync(SaveTagRequest request, CancellationToken ct = default) => definitions.SaveAsync(request, ct);

    public Task<bool> SetArchivedAsync(Guid tagId, bool archived, TagActor by, CancellationToken ct = default) =>
        definitions.SetArchivedAsync(tagId, archived, ct);

    public Task<TagMemberResult> TagMemberAsync(TagMemberRequest request, CancellationToken ct = default) => assignments.TagAsync(request, ct);

    public Task<bool> UntagMemberAsync(UntagMemberRequest request, CancellationToken ct = default) => assignments.UntagAsync(request, ct);

    public Task<IReadOnlyList<MemberTag>> GetMemberTagsAsync(Guid memberId, CancellationToken ct = default) =>
        assignments.GetMemberTagsAsync(memberId, ct);

    public Task<IReadOnlyList<TagAssignment>> GetMemberTagHistoryAsync(Guid memberId, CancellationToken ct = default) =>
        assignments.GetHistoryAsync(memberId, ct);

    public Task<IReadOnlyDictionary<Guid, int>> CountMembersByTagAsync(CancellationToken ct = default) => assignments.CountByTagAsync(ct);

    public Task<BulkTagResult> TagMembersAsync(Guid tagId, IReadOnlyCollection<Guid> memberIds, TagActor by, CancellationToken ct = default) =>
        assignments.TagManyAsync(tagId, memberIds, by, ct);

    public Task<BulkTagCsvResult> TagFromCsvAsync(BulkTagCsvRequest request, Stream csv, IProgress<int>? progress = null, CancellationToken ct = default) =>
        csvTagging.TagAsync(request, csv, progress, ct);

    public Task<IReadOnlyList<TagRule>> ListRulesAsync(CancellationToken ct = default) => rules.ListAsync(ct);

    public Task<SaveTagRuleResult> SaveRuleAsync(SaveTagRuleRequest request, CancellationToken ct = default) => rules.SaveAsync(request, ct);

    public Task<bool> SetRuleEnabledAsync(Guid ruleId, bool enabled, TagActor by, CancellationToken ct = default) =>
        rules.SetEnabledAsync(ruleId, enabled, ct);
}
