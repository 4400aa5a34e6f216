using Membership.Contracts.Common;
using Membership.Contracts.Line;

namespace Membership.Contracts.Rewards;

/// <summary>
/// The Rewards module: a catalogue of rewards bought with points, redeemed at the counter or by the member in LINE
/// (a pending redemption with a short code the staff confirm within a window; unconfirmed ones roll back).
/// Stock is reserved with a conditional update and points are spent through the Points module, keyed by the redemption id.
/// </summary>
public interface IRewardsModule
{
    Task<PagedResult<Reward>> ListRewardsAsync(PageRequest page, CancellationToken ct = default);

    Task<Reward?> GetRewardAsync(Guid rewardId, CancellationToken ct = default);

    /// <summary>Creates (<see cref="SaveRewardRequest.Id"/> null) or updates a reward; invalid input throws <see cref="RewardValidationException"/>.</summary>
    Task<Reward> SaveRewardAsync(SaveRewardRequest request, CancellationToken ct = default);

    /// <summary>Active, valid-now, in-stock rewards the member's tier allows, with the member's balance; <paramref name="affordableOnly"/> hides what costs more.</summary>
    Task<MemberRewardOffers> GetOffersAsync(Guid memberId, bool affordableOnly, CancellationToken ct = default);

    /// <summary>Staff redeem a reward for a member at once; idempotent by <see cref="RedeemRewardRequest.IdempotencyKey"/>.</summary>
    Task<RewardRedemptionResult> RedeemAtCounterAsync(RedeemRewardRequest request, CancellationToken ct = default);

    /// <summary>The member chose a reward in LINE: points held, stock reserved, a short code to show at the counter.</summary>
    Task<RewardRedemptionResult> RequestPendingAsync(RedeemRewardRequest request, CancellationToken ct = default);

    /// <summary>Staff confirm a pending redemption by its code, within the window.</summary>
    Task<RewardRedemptionResult> ConfirmPendingAsync(string code, string confirmedBy, CancellationToken ct = default);

    /// <summary>The member's recent redemptions, newest first.</summary>
    Task<IReadOnlyList<RewardRedemption>> GetMemberRedemptionsAsync(Guid memberId, int take = 20, CancellationToken ct = default);
}

/// <param name="NameEn">Shown to members whose LINE language is English; the zh-TW name otherwise.</param>
/// <param name="Stock">Left to redeem; null for unlimited.</param>
/// <param name="MinTierRank">0 for everybody; a tier rank (see Tiers) for exclusive rewards.</param>
public sealed record Reward(
    Guid Id,
    string Name,
    string? NameEn,
    string? ImageUrl,
    int PointsCost,
    int? Stock,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int MinTierRank,
    bool Active,
    int RedeemedCount)
{
    public string NameFor(string? language) =>
        CustomerLanguage.IsEnglish(language) && !string.IsNullOrWhiteSpace(NameEn) ? NameEn : Name;
}

/// <param name="ValidFrom">Taipei dates, inclusive.</param>
public sealed record SaveRewardRequest(
    Guid? Id,
    string Name,
    string? NameEn,
    string? ImageUrl,
    int PointsCost,
    int? Stock,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int MinTierRank,
    bool Active,
    string ChangedBy);

/// <summary>Bad reward input: <see cref="Errors"/> by field (camelCase) with a resource key suffix.</summary>
public sealed class RewardValidationException(IReadOnlyDictionary<string, string> errors)
    : Exception("The reward is invalid: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}

public sealed record MemberRewardOffers(Guid MemberId, int Balance, int TierRank, IReadOnlyList<Reward> Rewards);

/// <param name="IdempotencyKey">The caller's key: a retry with the same key returns the first result and changes nothing more.</param>
/// <param name="RecordedBy">The staff member, or null when the member asked in LINE.</param>
public sealed record RedeemRewardRequest(Guid MemberId, Guid RewardId, string IdempotencyKey, string? RecordedBy = null);

public enum RewardRedemptionStatus
{
    /// <summary>Stock reserved, points being spent (a counter redemption in progress).</summary>
    Reserving = 0,
    /// <summary>Points held and stock reserved, waiting for staff to confirm the code.</summary>
    Pending = 1,
    Completed = 2,
    /// <summary>Refused after reserving (points short): stock given back.</summary>
    Refused = 3,
    /// <summary>Not confirmed in time: points and stock given back.</summary>
    Expired = 4,
}

public sealed record RewardRedemption(
    Guid Id,
    Guid MemberId,
    Guid RewardId,
    string RewardName,
    int Points,
    RewardRedemptionStatus Status,
    string? Code,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy);

public enum RewardRedemptionOutcome
{
    Completed = 0,
    Pending = 1,
    /// <summary>The same idempotency key came again: the first result.</summary>
    Replayed = 2,
    InsufficientPoints = 3,
    OutOfStock = 4,
    /// <summary>Inactive, outside its validity, or unknown.</summary>
    NotAvailable = 5,
    TierTooLow = 6,
    MemberNotFound = 7,
    /// <summary>Confirming: no pending redemption has that code.</summary>
    UnknownCode = 8,
    /// <summary>Confirming: the window passed; points and stock go back.</summary>
    CodeExpired = 9,
    AlreadyConfirmed = 10,
}

public sealed record RewardRedemptionResult(RewardRedemptionOutcome Outcome, RewardRedemption? Redemption, int? Balance = null)
{
    public bool Succeeded => Outcome is RewardRedemptionOutcome.Completed or RewardRedemptionOutcome.Pending or RewardRedemptionOutcome.Replayed;
}
