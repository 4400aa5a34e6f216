using System.Text.Json;
using Membership.Contracts.Stamps;
using Membership.Stamps.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Stamps.Definitions;

/// <summary>Card definitions: validated, stored with their rewards as JSON.</summary>
internal sealed class StampCardDefinitions(IDbContextFactory<StampsDbContext> dbFactory, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<StampCardDefinition>> ListAsync(bool includeInactive, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Definitions.AsNoTracking().Where(d => includeInactive || d.Active).OrderBy(d => d.CreatedAt).ToListAsync(ct);
        return rows.Select(ToDefinition).ToList();
    }

    public async Task<SaveStampCardResult> SaveAsync(StampCardDefinition definition, string changedBy, CancellationToken ct)
    {
        var errors = Validate(definition);
        if (errors.Count > 0)
        {
            return new SaveStampCardResult(false, null, errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var row = definition.Id == Guid.Empty ? null : await db.Definitions.FirstOrDefaultAsync(d => d.Id == definition.Id, ct);
        if (definition.Id != Guid.Empty && row is null)
        {
            return new SaveStampCardResult(false, null, ["Stamps.Error.NotFound"]);
        }

        if (row is null)
        {
            row = new StampCardDefinitionRow { Id = Guid.CreateVersion7(), Name = "", Rewards = "[]", CreatedAt = now };
            db.Definitions.Add(row);
        }

        row.Name = definition.Name.Trim();
        row.Earning = (int)definition.Earning;
        row.StampsPerVisit = definition.Earning == StampEarning.PerVisit ? definition.StampsPerVisit : 0;
        row.AmountPerStamp = definition.Earning == StampEarning.PerAmount ? definition.AmountPerStamp : null;
        row.MaxStampsPerPurchase = definition.Earning == StampEarning.PerAmount ? definition.MaxStampsPerPurchase : null;
        row.TotalStamps = definition.TotalStamps;
        row.ValidityDays = definition.ValidityDays;
        row.Rewards = JsonSerializer.Serialize(definition.Rewards.OrderBy(r => r.Threshold).Select(r => r with { Description = r.Description.Trim() }), Json);
        row.Active = definition.Active;
        row.UpdatedAt = now;
        row.UpdatedBy = changedBy;
        await db.SaveChangesAsync(ct);
        return new SaveStampCardResult(true, row.Id, []);
    }

    public static StampCardDefinition ToDefinition(StampCardDefinitionRow row) => new(
        row.Id,
        row.Name,
        (StampEarning)row.Earning,
        row.StampsPerVisit,
        row.AmountPerStamp,
        row.MaxStampsPerPurchase,
        row.TotalStamps,
        row.ValidityDays,
        JsonSerializer.Deserialize<List<StampReward>>(row.Rewards, Json) ?? [],
        row.Active);

    internal static IReadOnlyList<string> Validate(StampCardDefinition definition)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Trim().Length > 100)
        {
            errors.Add("Stamps.Error.Name");
        }

        var earningValid = definition.Earning switch
        {
            StampEarning.PerVisit => definition.StampsPerVisit is >= 1 and <= 100,
            StampEarning.PerAmount => definition.AmountPerStamp is >= 1 and <= 1_000_000 && definition.MaxStampsPerPurchase is null or (>= 1 and <= 1000),
            _ => false,
        };
        if (!earningValid)
        {
            errors.Add("Stamps.Error.Earning");
        }

        if (definition.TotalStamps is < 1 or > 100)
        {
            errors.Add("Stamps.Error.TotalStamps");
        }

        if (definition.ValidityDays is < 1 or > 3650)
        {
            errors.Add("Stamps.Error.Validity");
        }

        var rewards = definition.Rewards;
        if (rewards.Any(r => r.Threshold < 1 || r.Threshold > definition.TotalStamps || string.IsNullOrWhiteSpace(r.Description) || r.Description.Trim().Length > 200)
            || rewards.GroupBy(r => r.Threshold).Any(g => g.Count() > 1))
        {
            errors.Add("Stamps.Error.Rewards");
        }

        return errors;
    }
}
