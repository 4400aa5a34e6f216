namespace Membership.Contracts.Tiers;

/// <summary>
/// The Tiers module (VIP levels): a member's level from rolling 12-month spend or points earned, upgraded at once
/// after the qualifying purchase and downgraded only at the yearly review.
/// </summary>
public interface ITiersModule
{
    /// <summary>The member's tier; the entry tier (rank 0) when the member has none yet.</summary>
    Task<MemberTier> GetMemberTierAsync(Guid memberId, CancellationToken ct = default);
}

/// <param name="Rank">0 for the entry tier; higher is better.</param>
/// <param name="PointsMultiplier">Applied to points earned by purchases (1 for none).</param>
/// <param name="ReviewOn">The Taipei date of the next yearly review, when the member is above the entry tier.</param>
public sealed record MemberTier(Guid MemberId, string TierCode, string TierName, int Rank, decimal PointsMultiplier, DateTimeOffset? Since, DateOnly? ReviewOn);

/// <summary>Raised when a member's tier changes (timeline, automations, journeys).</summary>
public sealed record MemberTierChanged(Guid MemberId, string FromTierCode, string ToTierCode, int FromRank, int ToRank, string Reason, DateTimeOffset ChangedAt)
{
    public bool IsUpgrade => ToRank > FromRank;
}
