using Membership.Contracts.Points;

namespace Membership.Web.Points;

/// <summary>The earn rules as the Owner edits them (mutable rows), checked before they are saved.</summary>
public sealed class EarnRulesForm
{
    public const int MaxExpiryMonths = 120;
    public const decimal MaxMultiplier = 20;

    public decimal? AmountPerPoint { get; set; }

    public int? ExpiryMonths { get; set; }

    public int? WelcomePoints { get; set; }

    public bool ExpiryReminderEnabled { get; set; }

    public List<CategoryBonusRow> CategoryBonuses { get; } = [];

    public List<CampaignRow> Campaigns { get; } = [];

    public static EarnRulesForm From(EarnRules rules)
    {
        var form = new EarnRulesForm
        {
            AmountPerPoint = rules.AmountPerPoint,
            ExpiryMonths = rules.ExpiryMonths,
            WelcomePoints = rules.WelcomePoints,
            ExpiryReminderEnabled = rules.ExpiryReminderEnabled,
        };
        form.CategoryBonuses.AddRange(rules.CategoryBonuses.Select(b => new CategoryBonusRow { Category = b.Category, Multiplier = b.Multiplier }));
        form.Campaigns.AddRange(rules.Campaigns.Select(c => new CampaignRow
        {
            Name = c.Name,
            From = c.From.ToDateTime(TimeOnly.MinValue),
            To = c.To.ToDateTime(TimeOnly.MinValue),
            Multiplier = c.Multiplier,
        }));
        return form;
    }

    /// <summary>Resource keys of the problems, by field (<c>amountPerPoint</c>, <c>category.0</c>, <c>campaign.1.dates</c>…); empty when valid.</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (AmountPerPoint is not > 0)
        {
            errors["amountPerPoint"] = "Points.Rules.Error.AmountPerPoint";
        }

        if (ExpiryMonths is not (>= 1 and <= MaxExpiryMonths))
        {
            errors["expiryMonths"] = "Points.Rules.Error.ExpiryMonths";
        }

        if (WelcomePoints is not >= 0)
        {
            errors["welcomePoints"] = "Points.Rules.Error.WelcomePoints";
        }

        var categories = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < CategoryBonuses.Count; i++)
        {
            var row = CategoryBonuses[i];
            if (string.IsNullOrWhiteSpace(row.Category))
            {
                errors[$"category.{i}"] = "Points.Rules.Error.CategoryMissing";
            }
            else if (!categories.Add(row.Category.Trim()))
            {
                errors[$"category.{i}"] = "Points.Rules.Error.CategoryDuplicate";
            }

            if (row.Multiplier is not (> 0 and <= MaxMultiplier))
            {
                errors[$"category.{i}.multiplier"] = "Points.Rules.Error.Multiplier";
            }
        }

        for (var i = 0; i < Campaigns.Count; i++)
        {
            var row = Campaigns[i];
            if (string.IsNullOrWhiteSpace(row.Name))
            {
                errors[$"campaign.{i}.name"] = "Points.Rules.Error.CampaignName";
            }

            if (row.From is null || row.To is null)
            {
                errors[$"campaign.{i}.dates"] = "Points.Rules.Error.CampaignDatesMissing";
            }
            else if (row.To < row.From)
            {
                errors[$"campaign.{i}.dates"] = "Points.Rules.Error.CampaignDatesOrder";
            }

            if (row.Multiplier is not (> 0 and <= MaxMultiplier))
            {
                errors[$"campaign.{i}.multiplier"] = "Points.Rules.Error.Multiplier";
            }
        }

        return errors;
    }

    /// <summary>The rules to save; call only when <see cref="Validate"/> found nothing.</summary>
    public EarnRules ToRules() => new(
        AmountPerPoint!.Value,
        ExpiryMonths!.Value,
        WelcomePoints!.Value,
        CategoryBonuses.Select(b => new CategoryBonus(b.Category!.Trim(), b.Multiplier!.Value)).ToList(),
        Campaigns.Select(c => new PointsCampaign(c.Name!.Trim(), DateOnly.FromDateTime(c.From!.Value), DateOnly.FromDateTime(c.To!.Value), c.Multiplier!.Value)).ToList(),
        ExpiryReminderEnabled);
}

public sealed class CategoryBonusRow
{
    public string? Category { get; set; }

    public decimal? Multiplier { get; set; } = 2;
}

/// <summary>A campaign period in Taipei calendar dates, both days included.</summary>
public sealed class CampaignRow
{
    public string? Name { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public decimal? Multiplier { get; set; } = 2;
}
