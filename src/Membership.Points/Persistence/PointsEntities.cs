namespace Membership.Points.Persistence;

/// <summary>A member's balance row: every change to the member's points locks it first, so balances never go negative.</summary>
internal sealed class PointsAccount
{
    public Guid MemberId { get; init; }
    public int Balance { get; set; }
    public int LifetimeEarned { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class Purchase
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public required string StoreCode { get; init; }
    public required string ReceiptNumber { get; init; }
    public decimal Total { get; init; }
    public decimal RefundedAmount { get; set; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string Channel { get; init; }
    public int PointsEarned { get; init; }

    /// <summary>Points owed back by refunds so far (taken or short): the base for the next partial refund.</summary>
    public int PointsReversed { get; set; }

    public bool Imported { get; init; }

    /// <summary>The lines as JSON (sku, category, quantity, amount), for scoring and the member page.</summary>
    public required string Lines { get; init; }

    public string? RecordedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class Refund
{
    public Guid Id { get; init; }
    public Guid PurchaseId { get; init; }
    public Guid MemberId { get; init; }
    public decimal Amount { get; init; }
    public int PointsReversed { get; init; }

    /// <summary>Points the refund should have taken back but the member had already spent.</summary>
    public int PointsShortfall { get; init; }

    public string? Reason { get; init; }
    public string? RecordedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Append-only: one row per change of a member's balance.</summary>
internal sealed class LedgerEntry
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public int Kind { get; init; }
    public int Points { get; init; }
    public int BalanceAfter { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public required string Reason { get; init; }
    public string? RecordedBy { get; init; }
    public Guid? PurchaseId { get; init; }
    public string? Channel { get; init; }
}

/// <summary>Points added by one entry (earn, grant, positive adjust), spent oldest-expiring first.</summary>
internal sealed class PointsLot
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public Guid EntryId { get; init; }
    public Guid? PurchaseId { get; init; }
    public int Points { get; init; }
    public int Remaining { get; set; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>How many points an entry (redeem, expire, reverse, negative adjust) took from a lot.</summary>
internal sealed class LotConsumption
{
    public Guid Id { get; init; }
    public Guid EntryId { get; init; }
    public Guid LotId { get; init; }
    public Guid MemberId { get; init; }
    public int Points { get; init; }
}

/// <summary>A caller's idempotency key: the hash of the first request and the answer it got.</summary>
internal sealed class IdempotencyRecord
{
    public required string Scope { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public string? Response { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class EarnRulesRecord
{
    public int Id { get; init; }
    public required string Rules { get; set; }
    public string? ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>One reminder per member and expiry date: written before the push, marked sent after it.</summary>
internal sealed class ExpiryReminder
{
    public Guid MemberId { get; init; }
    public DateOnly ExpiresOn { get; init; }
    public int Points { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
}
