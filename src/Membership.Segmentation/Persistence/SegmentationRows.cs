namespace Membership.Segmentation.Persistence;

/// <summary>The scoring settings: one row (id 1).</summary>
internal sealed class ScoringSettingsRow
{
    public int Id { get; init; }
    public int WindowDays { get; set; } = 365;
    public int HighScoreThreshold { get; set; } = 3;
    public int? CycleDaysOverride { get; set; }
    public decimal S1Multiplier { get; set; } = 1;
    public decimal S2Multiplier { get; set; } = 2;
    public decimal S3Multiplier { get; set; } = 3;
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

internal sealed class ScoringRunRow
{
    public Guid Id { get; init; }
    public int Status { get; set; }
    public DateOnly AsOfDate { get; set; }
    public int? CycleDays { get; set; }
    public int MembersScored { get; set; }
    public int Transitions { get; set; }
    public DateTimeOffset RequestedAt { get; init; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }
}

/// <summary>A member's scores from the latest run; each run replaces them. Members never scored have no row.</summary>
internal sealed class MemberScoreRow
{
    public Guid MemberId { get; init; }
    public Guid RunId { get; set; }
    public DateOnly AsOfDate { get; set; }
    public int? RecencyDays { get; set; }
    public int? Frequency { get; set; }
    public decimal? Monetary { get; set; }
    public short? RScore { get; set; }
    public short? FScore { get; set; }
    public short? MScore { get; set; }
    public string? RfmType { get; set; }
    public required string NesState { get; set; }
    public DateOnly? FirstPurchaseOn { get; set; }
    public DateOnly? LastPurchaseOn { get; set; }
    public int CycleDays { get; set; }
}

/// <summary>A change of NES state or RFM type found by a run; one per member, kind and as-of date.</summary>
internal sealed class ScoreTransitionRow
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public int Kind { get; init; }
    public string? FromValue { get; init; }
    public string? ToValue { get; init; }
    public Guid RunId { get; init; }
    public DateOnly AsOfDate { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>How many members were in each NES state after a run (the dashboard's 90 days).</summary>
internal sealed class NesSnapshotRow
{
    public DateOnly AsOfDate { get; init; }
    public required string NesState { get; init; }
    public int Members { get; set; }
}

internal sealed class SegmentRow
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
    public string? Description { get; set; }

    /// <summary>The definition's canonical JSON (jsonb).</summary>
    public required string Definition { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
