using System.Globalization;
using Membership.Contracts.Stamps;

namespace Membership.Web.Components.Pages.Stamps;

/// <summary>Rewards typed one per line as "threshold description", e.g. "3 免費美式咖啡".</summary>
internal static class StampRewardLines
{
    /// <returns>The rewards, or null when a line does not start with a whole number and a description.</returns>
    public static IReadOnlyList<StampReward>? Parse(string text)
    {
        var rewards = new List<StampReward>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split([' ', '\t', '　', ':', '：'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var threshold))
            {
                return null;
            }

            rewards.Add(new StampReward(threshold, parts[1]));
        }

        return rewards;
    }
}
