using Membership.Contracts.Tags;
using Membership.Tags.Assignments;
using Membership.Tags.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tags.Rules;

/// <summary>Rules that tag members automatically; each fires once per member (tags_rule_firings), however often its event repeats.</summary>
internal sealed class TagRules(IDbContextFactory<TagsDbContext> contexts, TagWrites writes, TimeProvider clock)
{
    public async Task<IReadOnlyList<TagRule>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Rules.AsNoTracking().Join(db.Tags.AsNoTracking(), r => r.TagId, t => t.Id, (r, t) => new { r, t.Name })
            .OrderBy(x => x.r.Name).ToListAsync(ct);
        return rows.Select(x => ToRule(x.r, x.Name)).ToList();
    }

    public async Task<SaveTagRuleResult> SaveAsync(SaveTagRuleRequest request, CancellationToken ct)
    {
        if (Problem(request) is { } problem)
        {
            return new SaveTagRuleResult(false, null, problem);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.TagId, ct) is not { } tag)
        {
            return new SaveTagRuleResult(false, null, "找不到標籤 / No such tag.");
        }

        var now = clock.GetUtcNow();
        var row = request.Id is { } id ? await db.Rules.SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        if (row is null)
        {
            row = new TagRuleRow { Id = Guid.CreateVersion7(), Name = request.Name.Trim(), CreatedAt = now, CreatedBy = request.By.Name };
            db.Rules.Add(row);
        }

        row.Name = request.Name.Trim();
        row.TagId = request.TagId;
        row.Kind = (int)request.Kind;
        row.Match = (int)request.Match;
        row.Keyword = request.Keyword?.Trim();
        row.Category = request.Category?.Trim();
        row.MinimumAmount = request.MinimumAmount;
        row.SegmentId = request.SegmentId;
        row.Enabled = request.Enabled;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return new SaveTagRuleResult(true, ToRule(row, tag.Name));
    }

    public async Task<bool> SetEnabledAsync(Guid ruleId, bool enabled, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Rules.Where(r => r.Id == ruleId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Enabled, enabled), ct) > 0;
    }

    /// <summary>The enabled rules of these kinds.</summary>
    public async Task<List<TagRuleRow>> EnabledAsync(CancellationToken ct, params TagRuleKind[] kinds)
    {
        var values = kinds.Select(k => (int)k).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Rules.AsNoTracking().Where(r => r.Enabled && values.Contains(r.Kind)).ToListAsync(ct);
    }

    /// <summary>Fires the rule for the member: tags once, however often the event comes (the firing row is the guard).</summary>
    public async Task<bool> FireAsync(TagRuleRow rule, Guid memberId, string sourceId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO tags_rule_firings (rule_id, member_id, fired_at, source_id) VALUES ({rule.Id}, {memberId}, {clock.GetUtcNow()}, {sourceId})
            ON CONFLICT DO NOTHING
            """, ct);
        if (inserted == 0 || await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.Id == rule.TagId, ct) is not { Archived: false } tag)
        {
            return false;
        }

        var result = await writes.AddAsync(tag, memberId, new TagActor(TagActorKind.Rule, rule.Name), sourceId, ct);
        if (result.Outcome == TagMemberOutcome.Added)
        {
            await db.Rules.Where(r => r.Id == rule.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.MembersTagged, r => r.MembersTagged + 1), ct);
        }

        return result.Outcome == TagMemberOutcome.Added;
    }

    private static string? Problem(SaveTagRuleRequest r) =>
        r.Name.Trim().Length is 0 or > 100 ? "規則名稱 1 到 100 個字 / A rule name of 1 to 100 characters."
        : r.Kind is TagRuleKind.MessageKeyword or TagRuleKind.Postback && string.IsNullOrWhiteSpace(r.Keyword) ? "請填關鍵字或 postback 資料 / A keyword or postback data is needed."
        : r.Kind == TagRuleKind.PurchaseCategory && string.IsNullOrWhiteSpace(r.Category) ? "請填商品類別 / A category is needed."
        : r.Kind == TagRuleKind.PurchaseTotal && r.MinimumAmount is not > 0 ? "請填消費金額門檻 / A minimum amount above 0 is needed."
        : r.Kind == TagRuleKind.SegmentMembership && r.SegmentId is null ? "請選擇分眾 / A saved segment is needed."
        : null;

    private static TagRule ToRule(TagRuleRow r, string tagName) => new(
        r.Id, r.Name, r.TagId, tagName, (TagRuleKind)r.Kind, (KeywordMatch)r.Match, r.Keyword, r.Category, r.MinimumAmount, r.SegmentId,
        r.Enabled, r.MembersTagged, r.CreatedAt, r.CreatedBy);
}
