using System.Text.Json;
using Membership.Contracts.Points;
using Membership.Points.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Points.Earning;

/// <summary>The Owner's earn rules: one row, read on every purchase, so kept in memory for a few seconds.</summary>
internal sealed class EarnRulesStore(IDbContextFactory<PointsDbContext> dbFactory, TimeProvider clock)
{
    public static readonly EarnRules Defaults = new(AmountPerPoint: 100m, ExpiryMonths: 12, WelcomePoints: 50, [], [], ExpiryReminderEnabled: true);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private volatile CachedRules? _cached;

    public async Task<EarnRules> GetAsync(CancellationToken ct)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.ReadAt < CacheFor)
        {
            return cached.Rules;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EarnRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == 1, ct);
        var rules = row is null ? Defaults : JsonSerializer.Deserialize<EarnRules>(row.Rules, Json) ?? Defaults;
        _cached = new CachedRules(rules, clock.GetUtcNow());
        return rules;
    }

    public async Task<EarnRules> SaveAsync(EarnRules rules, string changedBy, CancellationToken ct)
    {
        var errors = Validate(rules);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(rules));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EarnRules.FirstOrDefaultAsync(r => r.Id == 1, ct);
        var json = JsonSerializer.Serialize(rules, Json);
        if (row is null)
        {
            db.EarnRules.Add(new EarnRulesRecord { Id = 1, Rules = json, ChangedBy = changedBy, ChangedAt = clock.GetUtcNow() });
        }
        else
        {
            row.Rules = json;
            row.ChangedBy = changedBy;
            row.ChangedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        _cached = new CachedRules(rules, clock.GetUtcNow());
        return rules;
    }

    /// <summary>Messages for rules that make no sense; empty when they are fine.</summary>
    public static IReadOnlyList<string> Validate(EarnRules rules)
    {
        var errors = new List<string>();
        if (rules.AmountPerPoint is <= 0 or > 1_000_000)
        {
            errors.Add("The NT$ per point must be between 1 and 1,000,000.");
        }

        if (rules.ExpiryMonths is < 1 or > 120)
        {
            errors.Add("Points expire after 1 to 120 months.");
        }

        if (rules.WelcomePoints is < 0 or > 1_000_000)
        {
            errors.Add("Welcome points must be between 0 and 1,000,000.");
        }

        if (rules.CategoryBonuses.Any(b => string.IsNullOrWhiteSpace(b.Category) || b.Multiplier is <= 0 or > 100))
        {
            errors.Add("Each category bonus needs a category and a multiplier between 0 and 100.");
        }

        if (rules.CategoryBonuses.GroupBy(b => b.Category.Trim(), StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            errors.Add("A category has more than one bonus.");
        }

        if (rules.Campaigns.Any(c => string.IsNullOrWhiteSpace(c.Name) || c.To < c.From || c.Multiplier is <= 0 or > 100))
        {
            errors.Add("Each campaign needs a name, a start on or before its end, and a multiplier between 0 and 100.");
        }

        return errors;
    }

    private sealed record CachedRules(EarnRules Rules, DateTimeOffset ReadAt);
}
