using Membership.Contracts.Rewards;

namespace Membership.Rewards.Persistence;

internal sealed class RewardItem
{
    public const int MaxNameLength = 100;

    public Guid Id { get; init; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? ImageUrl { get; set; }
    public int PointsCost { get; set; }

    /// <summary>Left to redeem; null for unlimited. Only changed by conditional updates (never below zero).</summary>
    public int? Stock { get; set; }

    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int MinTierRank { get; set; }
    public bool Active { get; set; }
    public int RedeemedCount { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public Reward ToContract() =>
        new(Id, Name, NameEn, ImageUrl, PointsCost, Stock, ValidFrom, ValidTo, MinTierRank, Active, RedeemedCount);
}

internal sealed class RedemptionRecord
{
    public const int CodeLength = 6;

    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public Guid RewardId { get; init; }
    public required string RewardName { get; init; }
    public int Points { get; init; }
    public RewardRedemptionStatus Status { get; set; }

    /// <summary>The pickup code of a redemption asked for in LINE; null at the counter.</summary>
    public string? Code { get; set; }

    /// <summary><c>counter</c> or <c>line</c>.</summary>
    public required string Channel { get; init; }

    public required string IdempotencyKey { get; init; }
    public string? RecordedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this, an unconfirmed (or stuck) redemption is rolled back by the expiry job.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }

    public RewardRedemption ToContract() =>
        new(Id, MemberId, RewardId, RewardName, Points, Status, Code, CreatedAt, ExpiresAt, CompletedAt, CompletedBy);
}
