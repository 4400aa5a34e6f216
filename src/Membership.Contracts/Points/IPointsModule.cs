using Membership.Contracts.Common;

namespace Membership.Contracts.Points;

/// <summary>
/// The Points module: purchases (from the POS, the counter or an import), the append-only points ledger
/// (earn, redeem, expire, adjust, reverse) with FIFO expiry by lot, and the Owner's earn rules.
/// Every write is idempotent by a caller-given key; a balance never goes negative.
/// </summary>
public interface IPointsModule
{
    /// <summary>Records a purchase and earns its points in one transaction; a repeated idempotency key returns the first result.</summary>
    Task<RecordPurchaseResult> RecordPurchaseAsync(RecordPurchaseRequest request, CancellationToken ct = default);

    /// <summary>Full (amount null) or partial refund; reverses the points the refunded amount earned.</summary>
    Task<RefundPurchaseResult> RefundPurchaseAsync(RefundPurchaseRequest request, CancellationToken ct = default);

    Task<PagedResult<PurchaseSummary>> GetPurchasesAsync(Guid memberId, PageRequest page, CancellationToken ct = default);

    Task<PointsBalance> GetBalanceAsync(Guid memberId, CancellationToken ct = default);

    Task<PagedResult<PointsLedgerEntry>> GetLedgerAsync(Guid memberId, PageRequest page, CancellationToken ct = default);

    /// <summary>Spends points (a POS discount, a reward, a coupon), oldest-expiring lots first; refused, changing nothing, when the balance is short.</summary>
    Task<RedeemPointsResult> RedeemAsync(RedeemPointsRequest request, CancellationToken ct = default);

    /// <summary>Gives back the points of an earlier redemption (e.g. an unconfirmed reward), into the lots they came from; idempotent.</summary>
    /// <returns>The balance after; null when this member made no redemption with that key (nothing to give back).</returns>
    Task<PointsBalance?> ReverseRedemptionAsync(ReverseRedemptionRequest request, CancellationToken ct = default);

    /// <summary>Points given, not earned by a purchase (welcome gift, birthday, campaign); idempotent by key.</summary>
    Task<PointsBalance> GrantAsync(GrantPointsRequest request, CancellationToken ct = default);

    /// <summary>A staff correction with a reason (audited by the caller); a negative adjustment is refused when the balance is short.</summary>
    Task<AdjustPointsResult> AdjustAsync(AdjustPointsRequest request, CancellationToken ct = default);

    Task<EarnRules> GetEarnRulesAsync(CancellationToken ct = default);

    Task<EarnRules> SaveEarnRulesAsync(EarnRules rules, string changedBy, CancellationToken ct = default);

    /// <summary>Points issued and redeemed in a period and the outstanding liability (points not yet spent or expired).</summary>
    Task<PointsLiability> GetLiabilityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);
}

public static class PurchaseChannels
{
    public const string Pos = "pos";
    public const string Counter = "counter";
    public const string Online = "online";
    public const string Import = "import";
}

/// <summary>Identifies the member by exactly one of code, mobile or LINE user id.</summary>
public sealed record MemberReference(string? MemberCode = null, string? Mobile = null, string? LineUserId = null, Guid? MemberId = null);

/// <param name="IdempotencyKey">The caller's key (API <c>Idempotency-Key</c>); the same key with another request is a conflict.</param>
/// <param name="Total">NT$, the amount paid.</param>
/// <param name="EarnPoints">False for imported history that should not earn.</param>
public sealed record RecordPurchaseRequest(
    string IdempotencyKey,
    MemberReference Member,
    string StoreCode,
    string ReceiptNumber,
    decimal Total,
    DateTimeOffset OccurredAt,
    string Channel,
    IReadOnlyList<PurchaseLine> Lines,
    bool EarnPoints = true,
    string? RecordedBy = null);

public sealed record PurchaseLine(string? Sku, string? Category, decimal Quantity, decimal Amount);

public enum PurchaseOutcome
{
    Recorded = 0,
    /// <summary>The same key and request came again: the first result is returned.</summary>
    Replayed = 1,
    /// <summary>The key was used with another request, or the receipt number exists in the store.</summary>
    Conflict = 2,
    MemberNotFound = 3,
    /// <summary>See <see cref="RecordPurchaseResult.Errors"/>.</summary>
    Invalid = 4,
}

/// <param name="Errors">Messages by field (camelCase, as in the API) when <see cref="Outcome"/> is Invalid.</param>
public sealed record RecordPurchaseResult(
    PurchaseOutcome Outcome,
    Guid? PurchaseId,
    Guid? MemberId,
    int PointsEarned,
    int Balance,
    IReadOnlyDictionary<string, string[]> Errors,
    string? ConflictReason = null);

/// <param name="Amount">NT$ to refund; null refunds what is left of the purchase.</param>
public sealed record RefundPurchaseRequest(string IdempotencyKey, Guid PurchaseId, decimal? Amount, string? Reason, string? RecordedBy = null);

public enum RefundOutcome
{
    Refunded = 0,
    Replayed = 1,
    PurchaseNotFound = 2,
    /// <summary>More than what is left of the purchase, or an already fully refunded purchase.</summary>
    Invalid = 3,
    Conflict = 4,
}

/// <param name="PointsReversed">Points taken back; when the member already spent them, the balance is taken down to at most zero and the rest recorded as a shortfall.</param>
public sealed record RefundPurchaseResult(RefundOutcome Outcome, Guid? RefundId, decimal RefundedAmount, int PointsReversed, int Balance, string? Reason = null);

public sealed record PurchaseSummary(
    Guid Id,
    string StoreCode,
    string ReceiptNumber,
    decimal Total,
    decimal RefundedAmount,
    DateTimeOffset OccurredAt,
    string Channel,
    int PointsEarned);

/// <param name="NextExpiry">The last Taipei day the points of the oldest remaining lot can be used (they expire the next morning), when any.</param>
public sealed record PointsBalance(Guid MemberId, int Balance, int ExpiringWithin30Days, DateOnly? NextExpiry, int LifetimeEarned);

public enum LedgerEntryKind
{
    Earn = 0,
    Redeem = 1,
    Expire = 2,
    Adjust = 3,
    Reverse = 4,
    Grant = 5,
}

/// <param name="Points">Signed: positive adds to the balance.</param>
/// <param name="ExpiresAt">For entries that add points: when what is left of them expires.</param>
public sealed record PointsLedgerEntry(
    Guid Id,
    LedgerEntryKind Kind,
    int Points,
    int BalanceAfter,
    DateTimeOffset OccurredAt,
    DateTimeOffset? ExpiresAt,
    string Reason,
    string? RecordedBy);

/// <param name="Channel">Where: <c>pos</c>, <c>counter</c>, <c>line</c>, <c>reward</c>, <c>coupon</c>.</param>
public sealed record RedeemPointsRequest(Guid MemberId, int Points, string Reason, string IdempotencyKey, string Channel, string? RecordedBy = null);

public enum RedeemOutcome
{
    Redeemed = 0,
    Replayed = 1,
    InsufficientBalance = 2,
    MemberNotFound = 3,
    Invalid = 4,
    Conflict = 5,
}

public sealed record RedeemPointsResult(RedeemOutcome Outcome, Guid? EntryId, int Balance, string? Reason = null)
{
    public bool Succeeded => Outcome is RedeemOutcome.Redeemed or RedeemOutcome.Replayed;
}

/// <param name="RedemptionIdempotencyKey">The key the redemption was made with.</param>
public sealed record ReverseRedemptionRequest(Guid MemberId, string RedemptionIdempotencyKey, string Reason);

/// <param name="Source">What the grant is for, e.g. <c>welcome</c>, <c>birthday</c>.</param>
public sealed record GrantPointsRequest(Guid MemberId, int Points, string Source, string Reason, string IdempotencyKey);

/// <param name="Points">Signed, not zero.</param>
public sealed record AdjustPointsRequest(Guid MemberId, int Points, string Reason, string RecordedBy, string IdempotencyKey);

public sealed record AdjustPointsResult(bool Succeeded, int Balance, string? Error);

/// <param name="AmountPerPoint">NT$ spent per point earned (e.g. 100: 1 point per NT$100).</param>
/// <param name="ExpiryMonths">Months after earning that a lot expires (e.g. 12).</param>
/// <param name="WelcomePoints">Granted once when a member registers; 0 for none.</param>
/// <param name="CategoryBonuses">Extra multipliers for purchase lines of a category.</param>
/// <param name="Campaigns">Periods with a multiplier (e.g. double points this weekend), Taipei dates inclusive.</param>
/// <param name="ExpiryReminderEnabled">Push a reminder to members with points expiring within 30 days.</param>
public sealed record EarnRules(
    decimal AmountPerPoint,
    int ExpiryMonths,
    int WelcomePoints,
    IReadOnlyList<CategoryBonus> CategoryBonuses,
    IReadOnlyList<PointsCampaign> Campaigns,
    bool ExpiryReminderEnabled = true);

public sealed record CategoryBonus(string Category, decimal Multiplier);

public sealed record PointsCampaign(string Name, DateOnly From, DateOnly To, decimal Multiplier);

public sealed record PointsLiability(int IssuedInPeriod, int RedeemedInPeriod, int ExpiredInPeriod, long Outstanding, int MembersWithPoints);

/// <summary>Raised after a purchase is recorded (also imported ones): tiers, stamps and scoring react to it.</summary>
/// <param name="Imported">History from a CSV import: tiers count it, stamps do not.</param>
public sealed record PurchaseRecorded(
    Guid PurchaseId,
    Guid MemberId,
    string StoreCode,
    string ReceiptNumber,
    decimal Total,
    DateTimeOffset OccurredAt,
    string Channel,
    IReadOnlyList<PurchaseLine> Lines,
    int PointsEarned,
    bool Imported);

public sealed record PurchaseRefunded(Guid PurchaseId, Guid RefundId, Guid MemberId, decimal Amount, int PointsReversed, DateTimeOffset OccurredAt, bool FullyRefunded);

/// <summary>Raised for balance changes that are not a purchase or a refund: redemptions and their reversal, grants, adjustments.</summary>
/// <param name="Points">Signed: positive adds to the balance.</param>
public sealed record PointsBalanceChanged(Guid MemberId, Guid EntryId, LedgerEntryKind Kind, int Points, int BalanceAfter, string Reason, DateTimeOffset OccurredAt);

/// <summary>Read-only views the Points module publishes (STYLE.md §4.3). Changing one is a contract change.</summary>
public static class PointsViews
{
    /// <summary>
    /// Purchases that count for scoring (fully refunded ones left out): <c>member_id, purchase_id, store_code,
    /// purchased_on date (Asia/Taipei), net_amount numeric (total less refunds), imported bool</c>.
    /// </summary>
    public const string ScoringPurchases = "points_v_scoring_purchases";

    /// <summary>
    /// The same purchases with their instant, for attribution windows: <c>member_id, purchase_id, store_code,
    /// occurred_at timestamptz, net_amount numeric</c>.
    /// </summary>
    public const string Purchases = "points_v_purchases";

    /// <summary>Points not yet used or expired, by lot: <c>member_id, remaining int, expires_at timestamptz</c>.</summary>
    public const string OpenLots = "points_v_open_lots";

    /// <summary><c>member_id, balance int</c>; members without a row have 0.</summary>
    public const string MemberBalances = "points_v_member_balances";
}
