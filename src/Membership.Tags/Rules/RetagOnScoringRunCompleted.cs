using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Tags.Assignments;
using Membership.Tags.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Membership.Tags.Rules;

/// <summary>
/// Segment-membership rules are re-evaluated after each scoring run: members now in the saved segment gain the tag
/// (once, as with every rule), members the rule tagged who left the segment lose it (removed by the rule; a tag staff
/// or another rule gave stays). Running it twice for the same run changes nothing the second time.
/// </summary>
internal sealed partial class RetagOnScoringRunCompleted(
    IDbContextFactory<TagsDbContext> dbFactory, ISegmentationModule segmentation, TimeProvider clock, ILogger<RetagOnScoringRunCompleted> logger)
    : IIntegrationEventHandler<ScoringRunCompleted>
{
    public async Task HandleAsync(ScoringRunCompleted integrationEvent, Guid messageId, CancellationToken ct)
    {
        List<TagRuleRow> rules;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            rules = await db.Rules.AsNoTracking().Where(r => r.Kind == (int)TagRuleKind.SegmentMembership && r.Enabled && r.SegmentId != null).ToListAsync(ct);
        }

        foreach (var rule in rules)
        {
            var segment = await segmentation.GetSegmentAsync(rule.SegmentId!.Value, ct);
            if (segment is null)
            {
                LogSegmentMissing(rule.Id, rule.SegmentId.Value);
                continue;
            }

            var members = new List<Guid>();
            await foreach (var id in segmentation.StreamMemberIdsAsync(segment.Definition, ct))
            {
                members.Add(id);
            }

            await ApplyAsync(rule, members.ToArray(), $"scoring:{integrationEvent.RunId}", ct);
        }
    }

    private async Task ApplyAsync(TagRuleRow rule, Guid[] members, string sourceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tag = await db.Tags.AsNoTracking().FirstAsync(t => t.Id == rule.TagId, ct);
        if (tag.Archived)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var entered = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO tags_rule_firings (rule_id, member_id, fired_at, source_id)
            SELECT {rule.Id}, m, {now}, {sourceId} FROM unnest({members}) AS m
            ON CONFLICT (rule_id, member_id) DO NOTHING
            RETURNING member_id AS "Value"
            """).ToListAsync(ct);
        var left = await db.Database.SqlQuery<Guid>($"""
            DELETE FROM tags_rule_firings f
            WHERE f.rule_id = {rule.Id} AND f.member_id NOT IN (SELECT unnest({members}))
            RETURNING f.member_id AS "Value"
            """).ToListAsync(ct);

        var actor = RuleFiring.Actor(rule);
        var added = await AssignmentWriter.AddAsync(db, tag, entered, actor, RuleFiring.SourceOf(rule, sourceId), now, ct);
        var removed = await AssignmentWriter.RemoveAsync(db, tag, left, actor, now, ct, onlySourcePrefix: RuleFiring.RulePrefix(rule.Id));
        if (added.Count != 0 || removed.Count != 0)
        {
            var delta = added.Count - removed.Count;
            await db.Rules.Where(r => r.Id == rule.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.MembersTagged, r => Math.Max(0, r.MembersTagged + delta)), ct);
        }

        await transaction.CommitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tag rule {RuleId} names segment {SegmentId}, which no longer exists; skipped")]
    private partial void LogSegmentMissing(Guid ruleId, Guid segmentId);
}
