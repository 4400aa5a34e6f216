using Membership.Contracts.Common;
using Membership.Contracts.Line;

namespace Membership.Contracts.Coupons;

/// <summary>
/// The Coupons module: definitions (amount or percent off, a free item), coupons issued to members with one-time codes
/// (manually, on registration, in the birthday month, by campaigns) and their redemption by staff.
/// </summary>
public interface ICouponsModule
{
    Task<PagedResult<CouponDefinition>> ListDefinitionsAsync(PageRequest page, CancellationToken ct = default);

    Task<IReadOnlyList<CouponDefinition>> ListActiveDefinitionsAsync(CouponPurpose? purpose = null, CancellationToken ct = default);

    /// <summary>Creates (<see cref="SaveCouponDefinitionRequest.Id"/> null) or updates; bad input throws <see cref="CouponValidationException"/>.</summary>
    Task<CouponDefinition> SaveDefinitionAsync(SaveCouponDefinitionRequest request, CancellationToken ct = default);

    /// <summary>Issues a coupon with a fresh one-time code; the same idempotency key returns the first coupon.</summary>
    Task<IssueCouponResult> IssueAsync(IssueCouponRequest request, CancellationToken ct = default);

    /// <summary>The member's coupons, newest first; <paramref name="usableOnly"/> keeps those usable now.</summary>
    Task<IReadOnlyList<MemberCoupon>> GetMemberCouponsAsync(Guid memberId, bool usableOnly, CancellationToken ct = default);

    /// <summary>What a code is and whether it can be used now, without using it (the counter's preview).</summary>
    Task<CouponCheck> CheckAsync(string code, CancellationToken ct = default);

    /// <summary>Uses the coupon once; refused with a reason when unknown, not yet valid, expired or used up. Concurrent uses: exactly the allowed number succeed.</summary>
    Task<CouponCheck> RedeemAsync(RedeemCouponRequest request, CancellationToken ct = default);
}

public enum CouponKind
{
    /// <summary>NT$ off.</summary>
    AmountOff = 0,
    PercentOff = 1,
    FreeItem = 2,
}

public enum CouponPurpose
{
    Manual = 0,
    /// <summary>Issued once to each member who registers.</summary>
    Welcome = 1,
    /// <summary>Issued in the birthday month, once a year.</summary>
    Birthday = 2,
    Campaign = 3,
}

/// <param name="Value">NT$ for <see cref="CouponKind.AmountOff"/>, percent (1-100) for <see cref="CouponKind.PercentOff"/>, 0 for a free item.</param>
/// <param name="FreeItem">What is given, for <see cref="CouponKind.FreeItem"/>.</param>
/// <param name="ValidFrom">Fixed validity (Taipei dates, inclusive); used when <see cref="ValidDays"/> is null.</param>
/// <param name="ValidDays">Valid for N days from issue (overrides fixed dates).</param>
/// <param name="UsesPerCoupon">How many times one coupon can be used (default 1).</param>
/// <param name="IssueLimit">How many coupons may be issued in all; null for no limit.</param>
/// <param name="MinTierRank">Birthday coupons: only members at this tier rank or above.</param>
public sealed record CouponDefinition(
    Guid Id,
    string Name,
    string? NameEn,
    CouponKind Kind,
    decimal Value,
    string? FreeItem,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int? ValidDays,
    int UsesPerCoupon,
    int? IssueLimit,
    CouponPurpose Purpose,
    int MinTierRank,
    bool Active,
    int IssuedCount);

public sealed record SaveCouponDefinitionRequest(
    Guid? Id,
    string Name,
    string? NameEn,
    CouponKind Kind,
    decimal Value,
    string? FreeItem,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int? ValidDays,
    int UsesPerCoupon,
    int? IssueLimit,
    CouponPurpose Purpose,
    int MinTierRank,
    bool Active,
    string ChangedBy);

/// <summary>Bad definition input: <see cref="Errors"/> by field (camelCase) with a resource key suffix.</summary>
public sealed class CouponValidationException(IReadOnlyDictionary<string, string> errors)
    : Exception("The coupon definition is invalid: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}

/// <param name="IdempotencyKey">Unique per issue (e.g. <c>campaign:{id}:{memberId}</c>): a repeat returns the first coupon.</param>
/// <param name="IssuedBy">Staff user or the source (<c>welcome</c>, <c>birthday</c>, a campaign).</param>
/// <param name="NotifyMember">Push the member a LINE message about it; false when the caller's own message carries the coupon (campaigns).</param>
public sealed record IssueCouponRequest(Guid DefinitionId, Guid MemberId, string IdempotencyKey, string IssuedBy, bool NotifyMember = true);

public enum IssueCouponOutcome
{
    Issued = 0,
    Replayed = 1,
    DefinitionNotFound = 2,
    /// <summary>Inactive, or its fixed validity already ended.</summary>
    NotActive = 3,
    IssueLimitReached = 4,
    MemberNotFound = 5,
}

public sealed record IssueCouponResult(IssueCouponOutcome Outcome, MemberCoupon? Coupon)
{
    public bool Succeeded => Outcome is IssueCouponOutcome.Issued or IssueCouponOutcome.Replayed;
}

/// <param name="ValidUntil">The instant it stops being valid (exclusive).</param>
public sealed record MemberCoupon(
    Guid Id,
    Guid DefinitionId,
    Guid MemberId,
    string Code,
    string Name,
    string? NameEn,
    CouponKind Kind,
    decimal Value,
    string? FreeItem,
    DateTimeOffset IssuedAt,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    int UsesAllowed,
    int UsedCount,
    DateTimeOffset? LastUsedAt,
    string IssuedBy)
{
    public int UsesLeft => Math.Max(0, UsesAllowed - UsedCount);

    public string NameFor(string? language) =>
        CustomerLanguage.IsEnglish(language) && !string.IsNullOrWhiteSpace(NameEn) ? NameEn : Name;
}

public sealed record RedeemCouponRequest(string Code, string RedeemedBy, string? StoreCode = null);

public enum CouponCheckOutcome
{
    Usable = 0,
    Redeemed = 1,
    UnknownCode = 2,
    NotYetValid = 3,
    Expired = 4,
    AlreadyUsed = 5,
}

public sealed record CouponCheck(CouponCheckOutcome Outcome, MemberCoupon? Coupon)
{
    public bool Succeeded => Outcome is CouponCheckOutcome.Usable or CouponCheckOutcome.Redeemed;
}

/// <summary>Read-only views the Coupons module publishes (STYLE.md §4.3). Changing one is a contract change.</summary>
public static class CouponsViews
{
    /// <summary>
    /// Every issued coupon: <c>coupon_id, member_id, issued_by (e.g. <c>campaign:{id}</c>), issued_at, used_count,
    /// first_used_at</c> (null when unused); indexed by <c>issued_by</c>.
    /// </summary>
    public const string Issued = "coupons_v_issued";
}
