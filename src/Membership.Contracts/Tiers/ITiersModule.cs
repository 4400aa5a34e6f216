namespace Membership.Contracts.Tiers;

/// <summary>
/// The Tiers module (VIP levels): a member's level from rolling 12-month spend or points earned, upgraded at once
/// after the qualifying purchase and downgraded only at the yearly review.
/// </summary>
public interface ITiersModule
{
    /// <summary>The member's tier; the entry tier (rank 0) when the member has none yet.</summary>
    Task<MemberTier> GetMemberTierAsync(Guid memberId, CancellationToken ct = default);

    /// <summary>The tier definitions (by rank) and what qualifies for them.</summary>
    Task<TierProgram> GetProgramAsync(CancellationToken ct = default);

    /// <summary>Replaces the definitions; refused, changing nothing, when invalid (see <see cref="SaveTierProgramResult.Errors"/>).</summary>
    Task<SaveTierProgramResult> SaveProgramAsync(TierProgram program, string changedBy, CancellationToken ct = default);

    /// <summary>The member's tier, rolling 12-month qualifying total and what is left to reach the next tier.</summary>
    Task<MemberTierStatus> GetMemberStatusAsync(Guid memberId, CancellationToken ct = default);

    /// <summary>The member's tier changes, newest first.</summary>
    Task<IReadOnlyList<TierChange>> GetHistoryAsync(Guid memberId, CancellationToken ct = default);

    /// <summary>
    /// Sets the member's tier by hand (a correction, or a tier granted): it holds until the yearly review a year from
    /// now, like an upgrade. Audited with the reason. Setting the tier the member already has changes nothing.
    /// </summary>
    Task<SetMemberTierResult> SetMemberTierAsync(SetMemberTierRequest request, CancellationToken ct = default);
}

/// <param name="Reason">Why, for the audit log (1 to 200 characters).</param>
public sealed record SetMemberTierRequest(Guid MemberId, string TierCode, string Reason);

/// <param name="Changed">False when the member already had the tier.</param>
public sealed record SetMemberTierResult(bool Succeeded, bool Changed, MemberTier? Tier, string? Error = null);

/// <param name="Rank">0 for the entry tier; higher is better.</param>
/// <param name="PointsMultiplier">Applied to points earned by purchases (1 for none).</param>
/// <param name="ReviewOn">The Taipei date of the next yearly review, when the member is above the entry tier.</param>
public sealed record MemberTier(Guid MemberId, string TierCode, string TierName, int Rank, decimal PointsMultiplier, DateTimeOffset? Since, DateOnly? ReviewOn);

/// <summary>Raised when a member's tier changes (timeline, automations, journeys).</summary>
public sealed record MemberTierChanged(Guid MemberId, string FromTierCode, string ToTierCode, int FromRank, int ToRank, string Reason, DateTimeOffset ChangedAt)
{
    public bool IsUpgrade => ToRank > FromRank;
}

/// <summary>What qualifies for a tier, program-wide. Never the current points balance: it falls when points are redeemed.</summary>
public enum TierBasis
{
    /// <summary>NT$ spent in the last 12 months, net of refunds (imported history included).</summary>
    Spend = 0,

    /// <summary>Points earned by purchases in the last 12 months, net of reversals.</summary>
    PointsEarned = 1,
}

/// <param name="Tiers">Ordered by rank; exactly one has rank 0 and threshold 0.</param>
public sealed record TierProgram(TierBasis Basis, IReadOnlyList<TierDefinition> Tiers);

/// <param name="Code">Stable id (lower-case letters, digits, dashes), e.g. <c>gold</c>.</param>
/// <param name="Threshold">NT$ or points (by <see cref="TierProgram.Basis"/>) in the last 12 months to reach the tier.</param>
/// <param name="BirthdayPoints">Points given in the birthday month (0 for none).</param>
public sealed record TierDefinition(
    string Code,
    string NameZh,
    string NameEn,
    int Rank,
    decimal Threshold,
    decimal PointsMultiplier,
    string? BirthdayGift = null,
    int BirthdayPoints = 0,
    string? Benefits = null)
{
    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameZh;
}

/// <param name="Errors">Resource keys (<c>Tiers.Error.*</c>) of what is wrong.</param>
public sealed record SaveTierProgramResult(bool Succeeded, IReadOnlyList<string> Errors);

/// <param name="Qualifying">NT$ or points in the last 12 months.</param>
/// <param name="RemainingToNext">How much more reaches <paramref name="Next"/>; null at the top tier.</param>
public sealed record MemberTierStatus(MemberTier Tier, TierDefinition Current, TierBasis Basis, decimal Qualifying, TierDefinition? Next, decimal? RemainingToNext)
{
    /// <summary>0-100: how far from the current tier's threshold to the next one.</summary>
    public int ProgressPercent => Next is null ? 100
        : (int)Math.Clamp((Qualifying - Current.Threshold) * 100 / Math.Max(1, Next.Threshold - Current.Threshold), 0, 100);
}

/// <param name="Reason"><c>upgrade</c> (a purchase), <c>review</c> (the yearly review) or <c>manual</c>.</param>
public sealed record TierChange(DateTimeOffset ChangedAt, string FromTierCode, string ToTierCode, int FromRank, int ToRank, string Reason);

/// <summary>Read-only views the Tiers module publishes (STYLE.md §4.3). Changing one is a contract change.</summary>
public static class TierViews
{
    /// <summary><c>member_id, tier_code, rank</c>; members without a row are at the entry tier (rank 0).</summary>
    public const string MemberTiers = "tiers_v_member_tiers";

    /// <summary><c>tier_code, rank, name_zh, name_en</c>.</summary>
    public const string Definitions = "tiers_v_definitions";
}
