using Membership.Contracts.Tags;
using Membership.Tags.Assignments;
using Membership.Tags.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tags.Rules;

/// <summary>
/// Fires the enabled rules of a kind that match an event for one member. A rule fires once per member, however often
/// the event repeats or recurs (<c>tags_rule_firings</c>, one row per rule and member); when it fires and the member
/// did not have the tag, the member gains it and the rule's count grows.
/// </summary>
internal sealed class RuleFiring(IDbContextFactory<TagsDbContext> dbFactory, TimeProvider clock)
{
    /// <returns>How many rules tagged the member.</returns>
    public async Task<int> FireAsync(TagRuleKind kind, Func<TagRuleRow, bool> matches, Guid memberId, string sourceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = (await db.Rules.AsNoTracking().Where(r => r.Kind == (int)kind && r.Enabled).ToListAsync(ct)).Where(matches).ToList();
        if (rules.Count == 0)
        {
            return 0;
        }

        var tags = await db.Tags.AsNoTracking().Where(t => rules.Select(r => r.TagId).Contains(t.Id) && !t.Archived).ToDictionaryAsync(t => t.Id, ct);
        var tagged = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var rule in rules.Where(r => tags.ContainsKey(r.TagId)))
        {
            var now = clock.GetUtcNow();
            var fired = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO tags_rule_firings (rule_id, member_id, fired_at, source_id) VALUES ({rule.Id}, {memberId}, {now}, {Shorten(sourceId)})
                ON CONFLICT (rule_id, member_id) DO NOTHING
                """, ct);
            if (fired == 0)
            {
                continue; // fired for this member before
            }

            var added = await AssignmentWriter.AddAsync(db, tags[rule.TagId], [memberId], Actor(rule), SourceOf(rule, sourceId), now, ct);
            if (added.Count == 1)
            {
                tagged++;
                await db.Rules.Where(r => r.Id == rule.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.MembersTagged, r => r.MembersTagged + 1), ct);
            }
        }

        await transaction.CommitAsync(ct);
        return tagged;
    }

    public static TagActor Actor(TagRuleRow rule) => new(TagActorKind.Rule, rule.Name);

    /// <summary>The assignment's source names the rule first, so the rule can later remove only what it added.</summary>
    public static string SourceOf(TagRuleRow rule, string sourceId) => Shorten($"{RulePrefix(rule.Id)}{sourceId}");

    public static string RulePrefix(Guid ruleId) => $"rule:{ruleId}/";

    private static string Shorten(string value) => value.Length > 200 ? value[..200] : value;
}
