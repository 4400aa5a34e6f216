using Membership.Contracts.Tiers;
using Membership.Tiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tiers.Qualifying;

/// <summary>The rolling 12-month total that qualifies a member for a tier, summed in SQL.</summary>
internal static class TierQualification
{
    /// <summary>Activity after this instant counts: the last 12 months.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now) => now.AddMonths(-12);

    public static async Task<decimal> QualifyingAsync(TiersDbContext db, Guid memberId, TierBasis basis, DateTimeOffset now, CancellationToken ct)
    {
        var from = WindowStart(now);
        var activity = db.Activities.Where(a => a.MemberId == memberId && a.OccurredAt > from);
        return basis == TierBasis.PointsEarned
            ? await activity.SumAsync(a => (decimal)a.Points, ct)
            : await activity.SumAsync(a => a.Amount, ct);
    }

    /// <summary>The highest tier whose threshold the total reaches (the entry tier at least).</summary>
    public static TierDefinition TierFor(TierProgram program, decimal qualifying) =>
        program.Tiers.Where(t => t.Threshold <= qualifying).MaxBy(t => t.Rank) ?? program.Tiers.MinBy(t => t.Rank)!;

    /// <summary>The Taipei date a year after <paramref name="taipeiDate"/> (28 Feb for 29 Feb).</summary>
    public static DateOnly Anniversary(DateOnly taipeiDate) => taipeiDate.AddYears(1);
}
