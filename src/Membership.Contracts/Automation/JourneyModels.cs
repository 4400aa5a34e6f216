using System.Text.Json;

namespace Membership.Contracts.Automation;

public enum JourneyStatus
{
    Draft = 0,
    Active = 1,
    Paused = 2,
}

public enum JourneyTriggerKind
{
    /// <summary>A LINE user added the account for the first time.</summary>
    Followed = 0,
    Registered = 1,
    /// <summary>Daily at 09:00 Asia/Taipei: members whose birthday month it is, once a year.</summary>
    BirthdayMonth = 2,
    /// <summary>After a scoring run: the NES state moved <see cref="JourneyTrigger.From"/> → <see cref="JourneyTrigger.To"/> (null: any).</summary>
    NesChanged = 3,
    RfmChanged = 4,
    TierChanged = 5,
    FirstPurchase = 6,
    /// <summary>Daily: the last purchase was <see cref="JourneyTrigger.Days"/> days ago.</summary>
    NoPurchaseFor = 7,
    TagAdded = 8,
    /// <summary>Daily: points expire within <see cref="JourneyTrigger.Days"/> days (once per expiry date).</summary>
    PointsExpiring = 9,
    /// <summary>After a scoring run: the member is in the saved segment and was not after the last check.</summary>
    EnteredSegment = 10,
}

public enum TierDirection
{
    Up = 0,
    Down = 1,
}

/// <param name="From">NES state or RFM type moved from (null: any).</param>
/// <param name="To">NES state, RFM type or tier code moved to (null: any).</param>
/// <param name="MinRank">A tier change to a tier of at least this rank (the top tiers), with <paramref name="Direction"/>.</param>
public sealed record JourneyTrigger(
    JourneyTriggerKind Kind,
    string? From = null,
    string? To = null,
    TierDirection? Direction = null,
    int? Days = null,
    Guid? TagId = null,
    Guid? SegmentId = null,
    int? MinRank = null);

public enum JourneyStepKind
{
    /// <summary>A duration, or until the next weekday and / or time of day (Asia/Taipei).</summary>
    Wait = 0,
    /// <summary>Yes: <see cref="JourneyStep.OnYes"/>, no: <see cref="JourneyStep.OnNo"/>; each a later step's id, <c>exit</c>, or null for the next step.</summary>
    Condition = 1,
    /// <summary>A push (quota counts) through Broadcast: quiet hours defer it, the frequency cap skips it.</summary>
    SendMessages = 2,
    IssueCoupon = 3,
    GivePoints = 4,
    AddTag = 5,
    RemoveTag = 6,
    /// <summary>An entry in the console's notifications for staff.</summary>
    NotifyStaff = 7,
}

public enum JourneyConditionKind
{
    HasTag = 0,
    LacksTag = 1,
    /// <summary>Matches a segment definition now.</summary>
    InSegment = 2,
    Registered = 3,
    /// <summary>Made a purchase since entering the journey.</summary>
    PurchasedSinceEntry = 4,
}

/// <param name="Segment">A segment definition (Segmentation's JSON) for <see cref="JourneyConditionKind.InSegment"/>.</param>
public sealed record JourneyCondition(JourneyConditionKind Kind, Guid? TagId = null, JsonElement? Segment = null);

/// <param name="Id">Short and unique in the journey (e.g. <c>s1</c>): run steps and counts are keyed by it.</param>
/// <param name="Note">The staff notification's text, or the reason shown with given points.</param>
public sealed record JourneyStep(
    string Id,
    JourneyStepKind Kind,
    TimeSpan? Wait = null,
    DayOfWeek? UntilWeekday = null,
    TimeOnly? UntilTime = null,
    JourneyCondition? Condition = null,
    string? OnNo = null,
    string? OnYes = null,
    IReadOnlyList<JsonElement>? Messages = null,
    Guid? CouponDefinitionId = null,
    int? Points = null,
    Guid? TagId = null,
    string? Note = null)
{
    public const string Exit = "exit";
}

/// <param name="OnPurchase">Leave at the member's next purchase (win-back).</param>
/// <param name="WhenEntryLapses">Leave when the entry no longer holds: the NES state or RFM type moved on, the tag was removed.</param>
public sealed record JourneyExitRules(bool OnPurchase = false, bool OnBlock = true, bool WhenEntryLapses = false);

/// <param name="Template">The ready-made journey this was created from (e.g. <c>win-back</c>), null for the marketer's own.</param>
/// <param name="ReentryDays">A member may enter again this many days after the last entry (0: after the last run ended).</param>
public sealed record Journey(
    Guid Id,
    string Name,
    string? Description,
    string? Template,
    JourneyTrigger Trigger,
    IReadOnlyList<JourneyStep> Steps,
    JourneyStatus Status,
    JourneyExitRules Exit,
    int ReentryDays,
    decimal HoldoutPercent,
    DateTimeOffset UpdatedAt);

public sealed record SaveJourneyRequest(
    Guid? Id,
    string Name,
    string? Description,
    JourneyTrigger Trigger,
    IReadOnlyList<JourneyStep> Steps,
    JourneyExitRules Exit,
    int ReentryDays,
    decimal HoldoutPercent,
    string By);

public sealed record SaveJourneyResult(Guid? Id, IReadOnlyList<AutomationError> Errors)
{
    public bool Succeeded => Id is not null && Errors.Count == 0;
}

public enum JourneyStatusChange
{
    Changed = 0,
    NotFound = 1,
    /// <summary>Activating a journey whose steps are invalid (e.g. a coupon that no longer exists).</summary>
    Invalid = 2,
}

/// <param name="Errors">Why an activation was refused (<see cref="JourneyStatusChange.Invalid"/>).</param>
public sealed record JourneyActivation(JourneyStatusChange Change, IReadOnlyList<AutomationError> Errors);

/// <summary>Per step: members who reached it, are waiting on it, have passed it, and left the journey at it.</summary>
public sealed record JourneyStepCounts(string StepId, JourneyStepKind Kind, int Entered, int Waiting, int Done, int Exited);

public sealed record JourneyRunCounts(int Entered, int Active, int Completed, int Exited, int Holdout);

/// <summary>
/// Members who got a message (or, in the holdout, would have) and how many bought within the attribution window after it.
/// </summary>
public sealed record JourneyConversion(int AttributionDays, int Messaged, int Converted, int HoldoutReached, int HoldoutConverted)
{
    public double? Rate => Messaged == 0 ? null : (double)Converted / Messaged;

    public double? HoldoutRate => HoldoutReached == 0 ? null : (double)HoldoutConverted / HoldoutReached;
}

public sealed record JourneyDetail(Journey Journey, JourneyRunCounts Runs, IReadOnlyList<JourneyStepCounts> Steps, JourneyConversion Conversion);

public enum JourneyRunStatus
{
    Active = 0,
    Completed = 1,
    Exited = 2,
}

public enum RunStepStatus
{
    /// <summary>Started and not finished: a wait not yet over, a send deferred by quiet hours or retrying.</summary>
    Waiting = 0,
    Done = 1,
    /// <summary>Not done on purpose: the holdout, the frequency cap, a member LINE cannot reach.</summary>
    Skipped = 2,
    Failed = 3,
}

public sealed record MemberJourneyStep(string StepId, JourneyStepKind Kind, RunStepStatus Status, string? Outcome, DateTimeOffset StartedAt, DateTimeOffset? DoneAt);

public sealed record MemberJourneyRun(
    Guid RunId,
    Guid JourneyId,
    string JourneyName,
    JourneyRunStatus Status,
    bool Holdout,
    string? ExitReason,
    DateTimeOffset EnteredAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? NextStepAt,
    IReadOnlyList<MemberJourneyStep> Steps);

public sealed record StaffNotification(Guid Id, Guid MemberId, Guid JourneyId, string JourneyName, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, string? ReadBy);
