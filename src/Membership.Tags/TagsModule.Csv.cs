using Membership.Contracts.Tags;

namespace Membership.Tags;

internal sealed partial class TagsModule
{
    public async Task<BulkTagCsvResult> TagFromCsvAsync(BulkTagCsvRequest request, Stream csv, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (await GetRowAsync(request.TagId, ct) is not { Archived: false })
        {
            return new BulkTagCsvResult(false, 0, 0, 0, [], "找不到標籤或已封存 / No such tag, or it is archived.");
        }

        var (rows, found) = await bulk.ReadCsvAsync(csv, ct);
        progress?.Report(50);
        var bad = rows.Count(r => r.Status != BulkTagRowStatus.Tagged);
        if (bad > 0 && !request.OnlyGoodRows)
        {
            progress?.Report(100);
            return new BulkTagCsvResult(false, 0, 0, bad,
                rows.Select(r => r.Status == BulkTagRowStatus.Tagged ? r with { Status = BulkTagRowStatus.NotApplied } : r).ToList(),
                "檔案有錯誤的列，未加上任何標籤 / Some rows are bad: nobody was tagged.");
        }

        var tagged = found.Count == 0 ? 0 : await bulk.InsertAsync(request.TagId, found.Values.ToList(), request.By, "csv", ct);
        progress?.Report(100);
        // Rows whose member already had the tag are the ones the insert skipped; which ones is not worth a second query.
        return new BulkTagCsvResult(true, tagged, found.Count - tagged, bad, rows);
    }

    public Task<IReadOnlyList<TagRule>> ListRulesAsync(CancellationToken ct = default) => rules.ListAsync(ct);

    public Task<SaveTagRuleResult> SaveRuleAsync(SaveTagRuleRequest request, CancellationToken ct = default) => rules.SaveAsync(request, ct);

    public Task<bool> SetRuleEnabledAsync(Guid ruleId, bool enabled, TagActor by, CancellationToken ct = default) => rules.SetEnabledAsync(ruleId, enabled, ct);
}
