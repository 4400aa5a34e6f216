using Membership.Contracts.Points;

namespace Membership.Points.Earning;

/// <summary>
/// Points a purchase earns: the total per <see cref="EarnRules.AmountPerPoint"/>, lines of a bonus category counted at
/// their multiplier, times the tier multiplier and the best campaign on the purchase's Taipei date, rounded down.
/// </summary>
internal static class EarnCalculator
{
    public static int Compute(EarnRules rules, decimal total, IReadOnlyList<PurchaseLine> lines, DateOnly taipeiDate, decimal tierMultiplier)
    {
        if (total <= 0 || rules.AmountPerPoint <= 0)
        {
            return 0;
        }

        var weighted = total;
        foreach (var line in lines)
        {
            if (line.Category is { } category && line.Amount > 0 && BonusFor(rules, category) is { } bonus)
            {
                weighted += line.Amount * (bonus - 1m);
            }
        }

        var points = weighted / rules.AmountPerPoint * Math.Max(0m, tierMultiplier) * CampaignMultiplier(rules, taipeiDate);
        return points <= 0 ? 0 : (int)Math.Min(int.MaxValue / 2, decimal.Floor(points));
    }

    /// <summary>The highest multiplier of the campaigns running on the date (1 when none).</summary>
    public static decimal CampaignMultiplier(EarnRules rules, DateOnly taipeiDate)
    {
        var best = 1m;
        foreach (var campaign in rules.Campaigns)
        {
            if (campaign.From <= taipeiDate && taipeiDate <= campaign.To && campaign.Multiplier > best)
            {
                best = campaign.Multiplier;
            }
        }

        return best;
    }

    private static decimal? BonusFor(EarnRules rules, string category)
    {
        foreach (var bonus in rules.CategoryBonuses)
        {
            if (string.Equals(bonus.Category.Trim(), category.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return bonus.Multiplier;
            }
        }

        return null;
    }
}
