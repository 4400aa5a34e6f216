using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Tags.Assignments;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Tags.Rules;

/// <summary>
/// Segment-membership rules, after each scoring run: members now in the saved segment get the tag, members this rule
/// tagged who have left it lose it (removed by the rule, kept in the history). Set-based, two statements per rule.
/// </summary>
internal sealed class SyncSegmentTagsOnScoringRunCompleted(TagRules rules, BulkTagging bulk, NpgsqlDataSource dataSource, IServiceProvider services, TimeProvider clock)
    : IIntegrationEventHandler<ScoringRunCompleted>
{
    private const string RemoveLeavers = """
        UPDATE tags_assignments SET removed_at = @now, removed_by_kind = @kind, removed_by = @rule
        WHERE tag_id = @tag AND removed_at IS NULL AND added_by_kind = @kind AND added_by = @rule AND NOT (member_id = ANY(@members))
        """;

    private const string CountTagged = """
        UPDATE tags_rules SET members_tagged = (SELECT count(*) FROM tags_assignments
            WHERE tag_id = @tag AND removed_at IS NULL AND added_by_kind = @kind AND added_by = @rule) WHERE id = @id
        """;

    public async Task HandleAsync(ScoringRunCompleted run, Guid messageId, CancellationToken ct)
    {
        var segmentation = services.GetRequiredService<ISegmentationModule>();
        foreach (var rule in await rules.EnabledAsync(ct, TagRuleKind.SegmentMembership))
        {
            if (rule.SegmentId is not { } segmentId || await segmentation.GetSegmentAsync(segmentId, ct) is not { } segment)
            {
                continue;
            }

            var members = new List<Guid>();
            await foreach (var id in segmentation.StreamMemberIdsAsync(segment.Definition, ct))
            {
                members.Add(id);
            }

            var actor = new TagActor(TagActorKind.Rule, rule.Name);
            await bulk.InsertAsync(rule.TagId, members, actor, $"scoring:{run.RunId}", ct);
            foreach (var sql in new[] { RemoveLeavers, CountTagged })
            {
                await using var command = dataSource.CreateCommand(sql);
                command.Parameters.AddWithValue("now", clock.GetUtcNow());
                command.Parameters.AddWithValue("kind", (int)TagActorKind.Rule);
                command.Parameters.AddWithValue("rule", rule.Name);
                command.Parameters.AddWithValue("tag", rule.TagId);
                command.Parameters.AddWithValue("members", members.ToArray());
                command.Parameters.AddWithValue("id", rule.Id);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
