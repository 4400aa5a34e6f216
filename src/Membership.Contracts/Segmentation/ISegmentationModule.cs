using Membership.Contracts.Common;

namespace Membership.Contracts.Segmentation;

/// <summary>
/// The Segmentation module: nightly and on-demand RFM/NES scoring (set-based in PostgreSQL over the views that
/// Members, Points, Tiers and Tags publish), segments evaluated live when used, saved segments and the dashboards.
/// </summary>
public interface ISegmentationModule
{
    /// <summary>Queues a scoring run; <see cref="StartScoringResult.AlreadyRunning"/> with the running run's id while one is queued or running.</summary>
    Task<StartScoringResult> StartScoringRunAsync(string requestedBy, CancellationToken ct = default);

    /// <summary>Runs the scoring now on the caller's thread (the job, tests and the demo); one run at a time.</summary>
    Task<ScoringRun> RunScoringAsync(Guid? runId, string requestedBy, CancellationToken ct = default);

    Task<ScoringRun?> GetScoringRunAsync(Guid runId, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<ScoringRun>> ListScoringRunsAsync(int take, CancellationToken ct = default);

    /// <summary>The member's scores from the last run, with the reason in words; null when no run has scored anyone yet.</summary>
    Task<MemberScores?> GetMemberScoresAsync(Guid memberId, bool english = false, CancellationToken ct = default);

    /// <summary>The member's NES and RFM-type changes, newest first.</summary>
    Task<IReadOnlyList<ScoreTransition>> GetMemberTransitionsAsync(Guid memberId, CancellationToken ct = default);

    Task<ScoringSettings> GetSettingsAsync(CancellationToken ct = default);

    Task<SaveScoringSettingsResult> SaveSettingsAsync(ScoringSettings settings, string changedBy, CancellationToken ct = default);

    /// <summary>
    /// A parameterised <c>SELECT member_id</c> of the members matching the definition now, for a module that stores a
    /// frozen audience with one set-based <c>INSERT … SELECT</c> (Broadcast). Its parameters are named <c>p0</c>, <c>p1</c>…
    /// Throws <see cref="InvalidSegmentDefinitionException"/> for an invalid definition.
    /// </summary>
    SegmentSql CompileMemberIds(SegmentNode definition);

    /// <summary>Parses and validates a definition's JSON; errors name the path (e.g. <c>all[1].any[0].op</c>).</summary>
    SegmentDefinitionParseResult ParseDefinition(string json);

    /// <summary>The canonical JSON of a definition (what is stored and sent by the API).</summary>
    string ToJson(SegmentNode definition);

    /// <summary>Validates a definition built in code (the console's builder); empty when valid.</summary>
    IReadOnlyList<SegmentDefinitionError> Validate(SegmentNode definition);

    /// <summary>Members matching now (not erased), and how many of them LINE can reach. Throws <see cref="InvalidSegmentDefinitionException"/> when invalid.</summary>
    Task<SegmentCount> CountAsync(SegmentNode definition, CancellationToken ct = default);

    /// <summary>Matching members ordered by member code.</summary>
    Task<PagedResult<SegmentMember>> ListMembersAsync(SegmentNode definition, PageRequest page, CancellationToken ct = default);

    /// <summary>A sample of matching members for the builder (any <paramref name="take"/>, quickly).</summary>
    Task<IReadOnlyList<SegmentMember>> SampleAsync(SegmentNode definition, int take, CancellationToken ct = default);

    /// <summary>Every matching member id, streamed (bulk tagging, broadcast audiences).</summary>
    IAsyncEnumerable<Guid> StreamMemberIdsAsync(SegmentNode definition, CancellationToken ct = default);

    Task<SaveSegmentResult> SaveSegmentAsync(SaveSegmentRequest request, CancellationToken ct = default);

    Task<IReadOnlyList<SavedSegment>> ListSegmentsAsync(CancellationToken ct = default);

    Task<SavedSegment?> GetSegmentAsync(Guid segmentId, CancellationToken ct = default);

    Task<bool> DeleteSegmentAsync(Guid segmentId, string deletedBy, CancellationToken ct = default);

    Task<SegmentationDashboard> GetDashboardAsync(CancellationToken ct = default);
}

public enum ScoringRunStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

public sealed record ScoringRun(
    Guid Id, ScoringRunStatus Status, DateOnly AsOfDate, int? CycleDays, int MembersScored, int Transitions,
    DateTimeOffset RequestedAt, string RequestedBy, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

public sealed record StartScoringResult(Guid RunId, bool AlreadyRunning);

/// <param name="CycleDaysOverride">A fixed purchase cycle set by the Owner; null to compute the median.</param>
public sealed record ScoringSettings(
    int WindowDays = 365, int HighScoreThreshold = 3, int? CycleDaysOverride = null,
    decimal S1Multiplier = 1, decimal S2Multiplier = 2, decimal S3Multiplier = 3);

public sealed record SaveScoringSettingsResult(bool Succeeded, string? Error = null);

/// <param name="Explanation">The NES state in words, e.g. "最近一次消費 74 天前 = 2.1 × 35 天購買週期 → S2 半睡客".</param>
public sealed record MemberScores(
    Guid MemberId, Guid RunId, DateOnly AsOfDate, int? RecencyDays, int? Frequency, decimal? Monetary,
    int? RScore, int? FScore, int? MScore, string? RfmType, string? RfmTypeName, string NesState, string NesStateName,
    int CycleDays, DateOnly? FirstPurchaseOn, DateOnly? LastPurchaseOn, string Explanation);

public enum TransitionKind
{
    Nes = 0,
    RfmType = 1,
}

public sealed record ScoreTransition(Guid MemberId, TransitionKind Kind, string? From, string To, Guid RunId, DateOnly AsOfDate, DateTimeOffset At);

/// <summary>Raised by a scoring run for each member whose NES state changed (a move E0 → S1 starts a win-back journey).</summary>
public sealed record MemberNesStateChanged(Guid MemberId, string? From, string To, Guid RunId, DateOnly AsOfDate);

/// <summary>Raised by a scoring run for each member whose RFM type changed (null when the member is no longer scored).</summary>
public sealed record MemberRfmTypeChanged(Guid MemberId, string? From, string? To, Guid RunId, DateOnly AsOfDate);

/// <summary>Raised when a scoring run succeeded: segment-membership tag rules re-evaluate then.</summary>
public sealed record ScoringRunCompleted(Guid RunId, DateOnly AsOfDate, int MembersScored);

public sealed record SegmentCount(int Count, int Reachable);

public sealed record SegmentMember(
    Guid MemberId, string MemberCode, string? Name, string? Mobile, string? LineDisplayName, string? TierCode,
    string? RfmType, string? NesState, int Points, bool Reachable);

public sealed record SavedSegment(
    Guid Id, string Name, string? Description, SegmentNode Definition, string DefinitionJson,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, SegmentCount? Count);

/// <param name="Id">Null to create.</param>
public sealed record SaveSegmentRequest(Guid? Id, string Name, string? Description, SegmentNode Definition, string SavedBy);

public enum SaveSegmentOutcome
{
    Saved = 0,
    NameTaken = 1,
    Invalid = 2,
    NotFound = 3,
}

public sealed record SaveSegmentResult(SaveSegmentOutcome Outcome, Guid? Id, IReadOnlyList<SegmentDefinitionError> Errors);

public sealed record SegmentationDashboard(
    IReadOnlyList<WeeklyGrowth> Growth,
    IReadOnlyList<RfmGridCell> RfmGrid,
    IReadOnlyList<RfmTypeShare> Types,
    IReadOnlyList<NesDay> NesHistory,
    IReadOnlyList<TransitionCount> LastRunTransitions,
    ScoringRun? LastRun);

/// <param name="WeekStart">Monday, Taipei date.</param>
public sealed record WeeklyGrowth(DateOnly WeekStart, int NewFriends, int Registrations, int Blocks);

public sealed record RfmGridCell(int RScore, int FScore, int Members, decimal AverageMonetary);

/// <param name="RevenueShare">0-1: the type's share of the scored members' spend in the window.</param>
public sealed record RfmTypeShare(string Code, string Name, int Members, decimal Revenue, decimal RevenueShare);

/// <summary>NES state counts as of each run in the last 90 days.</summary>
public sealed record NesDay(DateOnly AsOfDate, IReadOnlyDictionary<string, int> Counts);

public sealed record TransitionCount(TransitionKind Kind, string? From, string? To, int Members);

/// <summary>SQL text and its parameters (Npgsql's, as <see cref="System.Data.Common.DbParameter"/>).</summary>
public sealed record SegmentSql(string Sql, IReadOnlyList<System.Data.Common.DbParameter> Parameters);
