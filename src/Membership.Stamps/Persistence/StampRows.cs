namespace Membership.Stamps.Persistence;

internal sealed class StampCardDefinitionRow
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public int Earning { get; set; }
    public int StampsPerVisit { get; set; }
    public decimal? AmountPerStamp { get; set; }
    public int? MaxStampsPerPurchase { get; set; }
    public int TotalStamps { get; set; }
    public int ValidityDays { get; set; }

    /// <summary>The rewards by threshold, as JSON (<c>[{"threshold":3,"description":"…"}]</c>).</summary>
    public required string Rewards { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>One member's card of one definition; at most one open (not closed) per member and definition.</summary>
internal sealed class StampCardRow
{
    public Guid Id { get; init; }
    public Guid DefinitionId { get; init; }
    public Guid MemberId { get; init; }
    public int Stamps { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Set when the card is completed, or found expired when the next stamp came.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}

internal sealed class StampEntryRow
{
    public Guid Id { get; init; }
    public Guid CardId { get; init; }
    public Guid MemberId { get; init; }
    public Guid DefinitionId { get; init; }

    /// <summary><c>purchase:{id}</c>, <c>refund:{id}</c> or <c>manual:{key}</c>: what a replay is recognised by.</summary>
    public required string SourceKey { get; init; }
    public required string Source { get; init; }
    public Guid? PurchaseId { get; init; }

    /// <summary>NT$: the purchase total, or the refunded amount.</summary>
    public decimal? Amount { get; init; }
    public int Stamps { get; init; }
    public string? Reason { get; init; }
    public string? RecordedBy { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}

internal sealed class EarnedRewardRow
{
    public Guid Id { get; init; }
    public Guid CardId { get; init; }
    public Guid MemberId { get; init; }
    public Guid DefinitionId { get; init; }
    public int Threshold { get; init; }
    public required string Description { get; init; }
    public DateTimeOffset EarnedAt { get; init; }
    public DateTimeOffset? HandedOutAt { get; set; }
    public string? HandedOutBy { get; set; }
}
