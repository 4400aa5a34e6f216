using System.Text.RegularExpressions;
using Membership.Contracts.Tiers;

namespace Membership.Tiers.Definitions;

/// <summary>What makes a tier program usable: one entry tier at 0, thresholds rising with rank, sane multipliers.</summary>
internal static partial class TierProgramValidator
{
    public static IReadOnlyList<string> Validate(TierProgram program)
    {
        var errors = new List<string>();
        var tiers = program.Tiers;
        if (!Enum.IsDefined(program.Basis))
        {
            errors.Add("Tiers.Error.Basis");
        }

        if (tiers.Count == 0 || tiers.Count(t => t.Rank == 0) != 1 || tiers.Any(t => t.Rank < 0))
        {
            errors.Add("Tiers.Error.EntryTier");
        }
        else if (tiers.Single(t => t.Rank == 0).Threshold != 0)
        {
            errors.Add("Tiers.Error.EntryThreshold");
        }

        if (tiers.Any(t => !CodePattern().IsMatch(t.Code ?? "")))
        {
            errors.Add("Tiers.Error.Code");
        }

        if (tiers.GroupBy(t => t.Code).Any(g => g.Count() > 1) || tiers.GroupBy(t => t.Rank).Any(g => g.Count() > 1))
        {
            errors.Add("Tiers.Error.Duplicate");
        }

        if (tiers.Any(t => string.IsNullOrWhiteSpace(t.NameZh) || t.NameZh.Length > 50 || (t.NameEn?.Length ?? 0) > 50))
        {
            errors.Add("Tiers.Error.Name");
        }

        var byRank = tiers.OrderBy(t => t.Rank).ToList();
        if (byRank.Zip(byRank.Skip(1)).Any(pair => pair.Second.Threshold <= pair.First.Threshold))
        {
            errors.Add("Tiers.Error.Thresholds");
        }

        if (tiers.Any(t => t.PointsMultiplier is < 1 or > 10))
        {
            errors.Add("Tiers.Error.Multiplier");
        }

        if (tiers.Any(t => t.BirthdayPoints is < 0 or > 1_000_000 || (t.BirthdayGift?.Length ?? 0) > 200 || (t.Benefits?.Length ?? 0) > 2000))
        {
            errors.Add("Tiers.Error.Benefits");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,29}$")]
    private static partial Regex CodePattern();
}
