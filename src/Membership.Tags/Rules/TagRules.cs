using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Tags.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tags.Rules;

/// <summary>The rules that tag members automatically (Marketer, Owner): each with on/off and a count of members tagged.</summary>
internal sealed class TagRules(IDbContextFactory<TagsDbContext> dbFactory, IServiceProvider services, TimeProvider clock)
{
    public async Task<IReadOnlyList<TagRule>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Rules.AsNoTracking()
            .Join(db.Tags, r => r.TagId, t => t.Id, (r, t) => new { r, t.Name })
            .OrderBy(x => x.r.Name).ToListAsync(ct);
        return rows.Select(x => x.r.ToRule(x.Name)).ToList();
    }

    public async Task<SaveTagRuleResult> SaveAsync(SaveTagRuleRequest request, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.TagId, ct);
        var error = name.Length is 0 or > 100 ? "The name is required (at most 100 characters)."
            : tag is null ? "No such tag."
            : tag.Archived ? $"The tag '{tag.Name}' is archived."
            : await ValidateKindAsync(request, ct);
        if (error is not null)
        {
            return new SaveTagRuleResult(false, null, error);
        }

        var now = clock.GetUtcNow();
        TagRuleRow? row;
        if (request.Id is { } id)
        {
            row = await db.Rules.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (row is null)
            {
                return new SaveTagRuleResult(false, null, "No such rule.");
            }
        }
        else
        {
            row = new TagRuleRow { Id = Guid.CreateVersion7(), Name = name, CreatedAt = now, CreatedBy = request.By.Name };
            db.Rules.Add(row);
        }

        row.Name = name;
        row.TagId = request.TagId;
        row.Kind = (int)request.Kind;
        row.Match = (int)request.Match;
        row.Keyword = request.Kind is TagRuleKind.MessageKeyword or TagRuleKind.Postback ? request.Keyword!.Trim() : null;
        row.Category = request.Kind == TagRuleKind.PurchaseCategory ? request.Category!.Trim() : null;
        row.MinimumAmount = request.Kind == TagRuleKind.PurchaseTotal ? request.MinimumAmount : null;
        row.SegmentId = request.Kind == TagRuleKind.SegmentMembership ? request.SegmentId : null;
        row.Enabled = request.Enabled;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return new SaveTagRuleResult(true, row.ToRule(tag!.Name));
    }

    public async Task<bool> SetEnabledAsync(Guid ruleId, bool enabled, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Rules.Where(r => r.Id == ruleId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Enabled, enabled).SetProperty(r => r.UpdatedAt, now), ct) == 1;
    }

    private async Task<string?> ValidateKindAsync(SaveTagRuleRequest request, CancellationToken ct)
    {
        switch (request.Kind)
        {
            case TagRuleKind.MessageKeyword or TagRuleKind.Postback:
                return string.IsNullOrWhiteSpace(request.Keyword) || request.Keyword.Trim().Length > 300
                    ? "The keyword is required (at most 300 characters)." : null;
            case TagRuleKind.PurchaseCategory:
                return string.IsNullOrWhiteSpace(request.Category) || request.Category.Trim().Length > 100
                    ? "The category is required (at most 100 characters)." : null;
            case TagRuleKind.PurchaseTotal:
                return request.MinimumAmount is not > 0 ? "The minimum amount must be more than 0." : null;
            case TagRuleKind.Registration:
                return null;
            case TagRuleKind.SegmentMembership:
                if (request.SegmentId is not { } segmentId)
                {
                    return "The segment is required.";
                }

                // Resolved when used: Segmentation may itself depend on Tags.
                var segmentation = services.GetService<ISegmentationModule>();
                return segmentation is not null && await segmentation.GetSegmentAsync(segmentId, ct) is null ? "No such segment." : null;
            default:
                return "Unknown rule kind.";
        }
    }
}
