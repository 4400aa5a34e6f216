using Membership.Contracts.Broadcast;

namespace Membership.Broadcast.Results;

/// <summary>
/// Recipients against holdout with 95 % Wald intervals: the difference of two proportions for conversion, and
/// Welch's unpooled standard error for revenue per member. Below <see cref="MinimumGroup"/> members in either group
/// (or fewer than <see cref="MinimumOutcomes"/> conversions or non-conversions in all) the normal approximation is
/// not trusted and there is no estimate ("not enough data").
/// </summary>
internal static class LiftMath
{
    public const int MinimumGroup = 30;
    public const int MinimumOutcomes = 5;
    private const double Z95 = 1.959964;

    /// <summary>Per-group sums: members, members who converted, revenue and the sum of squared per-member revenue.</summary>
    internal readonly record struct Group(long Members, long Converted, double Revenue, double RevenueSquares);

    public static LiftEstimate? Conversion(Group treated, Group control)
    {
        if (!Enough(treated, control))
        {
            return null;
        }

        var converted = treated.Converted + control.Converted;
        var members = treated.Members + control.Members;
        if (converted < MinimumOutcomes || members - converted < MinimumOutcomes)
        {
            return null;
        }

        var p1 = (double)treated.Converted / treated.Members;
        var p2 = (double)control.Converted / control.Members;
        var se = Math.Sqrt(p1 * (1 - p1) / treated.Members + p2 * (1 - p2) / control.Members);
        return Interval(p1 - p2, se);
    }

    public static LiftEstimate? RevenuePerMember(Group treated, Group control)
    {
        if (!Enough(treated, control))
        {
            return null;
        }

        var m1 = treated.Revenue / treated.Members;
        var m2 = control.Revenue / control.Members;
        var se = Math.Sqrt(Variance(treated, m1) / treated.Members + Variance(control, m2) / control.Members);
        return Interval(m1 - m2, se);
    }

    private static bool Enough(Group treated, Group control) => treated.Members >= MinimumGroup && control.Members >= MinimumGroup;

    // The sample variance from the sums (clamped: rounding can make it a hair below zero).
    private static double Variance(Group g, double mean) => Math.Max(0, (g.RevenueSquares - g.Members * mean * mean) / (g.Members - 1));

    private static LiftEstimate Interval(double difference, double se) => new(difference, difference - Z95 * se, difference + Z95 * se);
}
