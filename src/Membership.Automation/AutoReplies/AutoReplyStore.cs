using System.Text.Json;
using Membership.Automation.Persistence;
using Membership.Contracts.Automation;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Tags;
using Microsoft.EntityFrameworkCore;

namespace Membership.Automation.AutoReplies;

/// <summary>Keyword rules and the default reply: saved only when valid, listed with what each rule answered.</summary>
internal sealed class AutoReplyStore(IDbContextFactory<AutomationDbContext> dbFactory, IBroadcastModule broadcast, ITagsModule tags, TimeProvider clock)
{
    public const int MaxKeywords = 50;
    public const int MaxKeywordLength = 100;

    private const string CountsSql = """
        SELECT rule_id AS rule_id,
               count(*)::int AS matched,
               (count(*) FILTER (WHERE status = 1))::int AS replied,
               (count(*) FILTER (WHERE status = 2))::int AS failed
        FROM automation_reply_log WHERE rule_id IS NOT NULL GROUP BY rule_id
        """;

    public async Task<IReadOnlyList<AutoReplyRule>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.AutoReplies.AsNoTracking().ToListAsync(ct);
        var counts = (await db.Database.SqlQueryRaw<RuleCounts>(CountsSql).ToListAsync(ct)).ToDictionary(c => c.RuleId);
        return rows.Select(r => ToRule(r, counts.GetValueOrDefault(r.Id)))
            .OrderBy(r => r.Priority).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The enabled rules without counts, for answering.</summary>
    public async Task<IReadOnlyList<AutoReplyRule>> EnabledAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.AutoReplies.AsNoTracking().Where(r => r.Enabled).ToListAsync(ct);
        return rows.Select(r => ToRule(r, null)).ToList();
    }

    public async Task<AutoReplyRule?> GetAsync(Guid ruleId, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(r => r.Id == ruleId);

    public async Task<SaveAutoReplyResult> SaveAsync(SaveAutoReplyRequest request, CancellationToken ct)
    {
        var keywords = (request.Keywords ?? []).Select(k => k?.Trim() ?? "").Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var errors = await ValidateAsync(request, keywords, ct);
        if (errors.Count > 0)
        {
            return new SaveAutoReplyResult(null, errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var row = request.Id is { } id ? await db.AutoReplies.FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        if (request.Id is not null && row is null)
        {
            return new SaveAutoReplyResult(null, [new AutomationError("id", "找不到這條自動回應規則。")]);
        }

        if (row is null)
        {
            row = new AutoReplyRow { Id = Guid.CreateVersion7(), CreatedAt = now };
            db.AutoReplies.Add(row);
        }

        row.Name = request.Name.Trim();
        row.Source = (int)request.Source;
        row.Keywords = keywords;
        row.Match = (int)request.Match;
        row.Priority = request.Priority;
        row.Enabled = request.Enabled;
        row.WindowFrom = request.Window?.From;
        row.WindowTo = request.Window?.To;
        row.MessagesJson = JsonSerializer.Serialize(request.Messages);
        row.AddTagId = request.AddTagId;
        row.HandOff = request.HandOff;
        row.UpdatedAt = now;
        row.UpdatedBy = request.By;
        await db.SaveChangesAsync(ct);
        return new SaveAutoReplyResult(row.Id, []);
    }

    public async Task<bool> DeleteAsync(Guid ruleId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AutoReplies.Where(r => r.Id == ruleId).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task<DefaultReply> GetDefaultAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == 1, ct);
        return row is null
            ? new DefaultReply(false, [])
            : new DefaultReply(row.DefaultReplyEnabled, JsonSerializer.Deserialize<List<JsonElement>>(row.DefaultReplyJson) ?? []);
    }

    public async Task<IReadOnlyList<AutomationError>> SaveDefaultAsync(DefaultReply reply, string by, CancellationToken ct)
    {
        if (reply.Enabled || reply.Messages.Count > 0)
        {
            var errors = broadcast.CheckMessages(reply.Messages).Select(e => new AutomationError(e.Path, e.Message)).ToList();
            if (errors.Count > 0)
            {
                return errors;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Id == 1, ct);
        if (row is null)
        {
            row = new AutomationSettingsRow { Id = 1 };
            db.Settings.Add(row);
        }

        row.DefaultReplyEnabled = reply.Enabled;
        row.DefaultReplyJson = JsonSerializer.Serialize(reply.Messages);
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = by;
        await db.SaveChangesAsync(ct);
        return [];
    }

    private async Task<List<AutomationError>> ValidateAsync(SaveAutoReplyRequest request, string[] keywords, CancellationToken ct)
    {
        var errors = new List<AutomationError>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            errors.Add(new("name", "請輸入 1-100 字的名稱。"));
        }

        if (keywords.Length == 0)
        {
            errors.Add(new("keywords", "至少需要一個關鍵字。"));
        }
        else if (keywords.Length > MaxKeywords || keywords.Any(k => k.Length > MaxKeywordLength))
        {
            errors.Add(new("keywords", $"最多 {MaxKeywords} 個關鍵字，每個最多 {MaxKeywordLength} 字。"));
        }

        if (!Enum.IsDefined(request.Match) || !Enum.IsDefined(request.Source))
        {
            errors.Add(new("match", "比對方式只能是 exact 或 contains。"));
        }

        if (request.Priority is < 1 or > 1000)
        {
            errors.Add(new("priority", "優先順序需介於 1 到 1000（數字小的先回應）。"));
        }

        errors.AddRange(broadcast.CheckMessages(request.Messages ?? []).Select(e => new AutomationError(e.Path, e.Message)));
        if (request.AddTagId is { } tagId && await tags.GetTagAsync(tagId, ct) is not { Archived: false })
        {
            errors.Add(new("addTagId", "找不到這個標籤（或已封存）。"));
        }

        return errors;
    }

    private static AutoReplyRule ToRule(AutoReplyRow row, RuleCounts? counts) => new(
        row.Id, row.Name, (AutoReplySource)row.Source, row.Keywords, (KeywordMatchMode)row.Match, row.Priority, row.Enabled,
        row.WindowFrom is { } from && row.WindowTo is { } to ? new ReplyWindow(from, to) : null,
        JsonSerializer.Deserialize<List<JsonElement>>(row.MessagesJson) ?? [], row.AddTagId, row.UpdatedAt,
        new AutoReplyCounts(counts?.Matched ?? 0, counts?.Replied ?? 0, counts?.Failed ?? 0), row.HandOff);

    private sealed record RuleCounts(Guid RuleId, int Matched, int Replied, int Failed);
}
