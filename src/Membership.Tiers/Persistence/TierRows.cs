namespace Membership.Tiers.Persistence;

internal sealed class TierDefinitionRow
{
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public int Rank { get; set; }
    public decimal Threshold { get; set; }
    public decimal PointsMultiplier { get; set; }
    public string? BirthdayGift { get; set; }
    public int BirthdayPoints { get; set; }
    public string? Benefits { get; set; }
}

/// <summary>The program-wide settings: one row (id 1).</summary>
internal sealed class TierSettingsRow
{
    public int Id { get; init; }
    public int Basis { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>A member's current tier; members without a row are at the entry tier.</summary>
internal sealed class MemberTierRow
{
    public Guid MemberId { get; init; }
    public required string TierCode { get; set; }
    public int Rank { get; set; }
    public DateTimeOffset? Since { get; set; }

    /// <summary>Taipei date of the yearly review (the anniversary of reaching the tier); null at the entry tier.</summary>
    public DateOnly? ReviewOn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Spend and points that count for tiers: a purchase (positive) or a refund (negative, dated like its purchase).</summary>
internal sealed class QualifyingActivityRow
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }

    /// <summary><c>purchase:{id}</c> or <c>refund:{id}</c>: a redelivered event adds nothing.</summary>
    public required string SourceKey { get; init; }
    public Guid PurchaseId { get; init; }
    public decimal Amount { get; init; }
    public int Points { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class TierChangeRow
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public required string FromTierCode { get; init; }
    public required string ToTierCode { get; init; }
    public int FromRank { get; init; }
    public int ToRank { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
}
