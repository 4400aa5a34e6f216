using Membership.Contracts.Coupons;

namespace Membership.Coupons.Persistence;

internal sealed class DefinitionRecord
{
    public const int MaxNameLength = 100;

    public Guid Id { get; init; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public CouponKind Kind { get; set; }
    public decimal Value { get; set; }
    public string? FreeItem { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int? ValidDays { get; set; }
    public int UsesPerCoupon { get; set; } = 1;
    public int? IssueLimit { get; set; }

    /// <summary>Only changed by the conditional update that issues a coupon (never above the limit).</summary>
    public int IssuedCount { get; set; }

    public CouponPurpose Purpose { get; set; }
    public int MinTierRank { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public CouponDefinition ToContract() => new(
        Id, Name, NameEn, Kind, Value, FreeItem, ValidFrom, ValidTo, ValidDays, UsesPerCoupon, IssueLimit, Purpose, MinTierRank, Active, IssuedCount);
}

internal sealed class CouponRecord
{
    public const int CodeLength = 10;

    public Guid Id { get; init; }
    public Guid DefinitionId { get; init; }
    public Guid MemberId { get; init; }
    public required string Code { get; set; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ValidFrom { get; init; }

    /// <summary>Exclusive: the first instant it is no longer valid.</summary>
    public DateTimeOffset ValidUntil { get; init; }

    public int UsesAllowed { get; init; }
    public int UsedCount { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public required string IssuedBy { get; init; }
    public required string IdempotencyKey { get; init; }

    public MemberCoupon ToContract(DefinitionRecord definition) => new(
        Id, DefinitionId, MemberId, Code, definition.Name, definition.NameEn, definition.Kind, definition.Value, definition.FreeItem,
        IssuedAt, ValidFrom, ValidUntil, UsesAllowed, UsedCount, LastUsedAt, IssuedBy);
}

/// <summary>One use of a coupon at the counter.</summary>
internal sealed class CouponUse
{
    public Guid Id { get; init; }
    public Guid CouponId { get; init; }
    public DateTimeOffset RedeemedAt { get; init; }
    public required string RedeemedBy { get; init; }
    public string? StoreCode { get; init; }
}
