using System.Text.Json;
using Membership.Contracts.Segmentation;

namespace Membership.Contracts.Broadcast;

public enum CampaignStatus
{
    Draft = 0,
    Scheduled = 1,
    Sending = 2,
    Paused = 3,
    Sent = 4,
    Cancelled = 5,
    Failed = 6,
    /// <summary>A recurring series: each occurrence is a campaign of its own (<see cref="Campaign.SeriesId"/>) made when due.</summary>
    Recurring = 7,
}

public enum RecipientStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
    Skipped = 3,
    Holdout = 4,
}

/// <summary>Why a member of the audience is not sent to (<see cref="RecipientStatus.Skipped"/> or holdout).</summary>
public static class SkipReasons
{
    public const string NotFriend = "not-friend";
    public const string Blocked = "blocked";
    public const string OptedOut = "opted-out";
    public const string Capped = "capped";
    public const string Holdout = "holdout";
    /// <summary>Already received an earlier occurrence of a series sent "at most once per member".</summary>
    public const string AlreadyReceived = "received";
}

/// <summary>Every <see cref="Days"/> at <see cref="At"/> (Asia/Taipei) until <see cref="Until"/> (inclusive, Taipei date).</summary>
/// <param name="AtMostOnce">A member receives the series once: later occurrences skip those an earlier one reached.</param>
public sealed record CampaignRecurrence(IReadOnlyList<DayOfWeek> Days, TimeOnly At, DateOnly? Until, bool AtMostOnce);

/// <summary>
/// Who a campaign is for: exactly one of a saved segment, a definition built in place, tags (members with any of
/// them) or every reachable friend; minus the members with any excluded tag or in any excluded segment.
/// </summary>
public sealed record CampaignAudience(
    Guid? SegmentId = null,
    SegmentNode? Definition = null,
    IReadOnlyList<string>? Tags = null,
    bool AllFriends = false,
    IReadOnlyList<string>? ExcludeTags = null,
    IReadOnlyList<Guid>? ExcludeSegments = null);

/// <param name="Messages">1–5 LINE message objects (text, image, flex, template); string values may carry template
/// fields such as <c>{{ name | default: "親愛的會員" }}</c>, <c>{{ points }}</c>, <c>{{ tier }}</c>.</param>
/// <param name="HoldoutPercent">Share of the eligible audience never sent to (the control group), 0–50.</param>
/// <param name="AttributionDays">How long after the send purchases count for the campaign.</param>
/// <param name="CouponDefinitionId">Issues one coupon of this definition to each recipient at send time; its code is the
/// template field <c>{{ coupon_code }}</c> (and <c>{{ coupon_name }}</c>).</param>
public sealed record CreateCampaignRequest(
    string Name,
    CampaignAudience Audience,
    IReadOnlyList<JsonElement> Messages,
    decimal HoldoutPercent,
    int AttributionDays,
    string CreatedBy,
    Guid? CouponDefinitionId = null);

/// <param name="Path">Where in the request, e.g. <c>messages[1].text</c> or <c>audience.segmentId</c>.</param>
public sealed record BroadcastError(string Path, string Message);

public sealed record CreateCampaignResult(Guid? Id, IReadOnlyList<BroadcastError> Errors)
{
    public bool Succeeded => Id is not null;
}

public sealed record Campaign(
    Guid Id,
    string Name,
    CampaignStatus Status,
    CampaignAudience Audience,
    IReadOnlyList<JsonElement> Messages,
    bool Personalised,
    decimal HoldoutPercent,
    int AttributionDays,
    DateTimeOffset? ScheduledAt,
    bool IgnoreQuietHours,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    CampaignCounts Counts,
    IReadOnlyList<string> Links,
    Guid? CouponDefinitionId,
    DateTimeOffset? FrozenAt,
    CampaignRecurrence? Recurrence = null,
    Guid? SeriesId = null,
    DateTimeOffset? NextOccurrenceAt = null);

public sealed record CampaignCounts(int Recipients, int Pending, int Sent, int Failed, int Skipped, int Holdout, int Batches, int BatchesSent);

/// <summary>The audience as it stands now: <see cref="Recipients"/> would be sent to and is the quota it uses.</summary>
/// <param name="QuotaRemaining">LINE's remaining monthly messages; null when the plan has no limit or LINE is unreachable.</param>
public sealed record CampaignPreview(
    int Audience, int Reachable, int Capped, int Holdout, int Recipients, long QuotaNeeded, long? QuotaRemaining, bool QuotaKnown);

/// <param name="At">When to start (null with <paramref name="Now"/>).</param>
/// <param name="Recurrence">Sends again on a weekly rule from the next matching time (then <paramref name="At"/> and <paramref name="Now"/> are ignored).</param>
public sealed record ScheduleCampaignRequest(Guid CampaignId, DateTimeOffset? At, bool Now, bool IgnoreQuietHours, string By, CampaignRecurrence? Recurrence = null);

public enum ScheduleOutcome
{
    Scheduled = 0,
    NotFound = 1,
    NotDraft = 2,
    InsideQuietHours = 3,
    QuotaExceeded = 4,
    Invalid = 5,
}

public sealed record ScheduleCampaignResult(ScheduleOutcome Outcome, DateTimeOffset? StartsAt, CampaignPreview? Preview, string? Error);

public sealed record MemberCampaign(Guid CampaignId, string Name, DateTimeOffset SentAt, bool Clicked);

public sealed record CampaignRecipient(Guid MemberId, string? LineUserId, RecipientStatus Status, string? Reason, DateTimeOffset? SentAt);

/// <summary>Frequency cap (at most <see cref="CapMessages"/> campaign sends per member in <see cref="CapDays"/> days; 0 = off)
/// and quiet hours in Asia/Taipei (a send never starts from <see cref="QuietStart"/> to <see cref="QuietEnd"/>).</summary>
public sealed record BroadcastSettings(int CapMessages, int CapDays, TimeOnly QuietStart, TimeOnly QuietEnd)
{
    public static BroadcastSettings Default { get; } = new(2, 7, new TimeOnly(22, 0), new TimeOnly(9, 0));
}

/// <summary>
/// What a campaign did within its attribution window: recipients' clicks, redemptions of the coupons it issued and
/// purchases, against the same purchase measures of its holdout over the same window.
/// </summary>
/// <param name="WindowEndsAt">When the attribution window closes (start of the send + the window); figures move until then.</param>
/// <param name="ConversionLift">Recipients' purchase rate minus the holdout's, with a 95 % interval; null when there is not enough data.</param>
/// <param name="RevenueLift">Revenue per recipient minus revenue per holdout member (NT$), with a 95 % interval; null when there is not enough data.</param>
/// <param name="Line">LINE's own figures for the campaign's aggregation unit; null when LINE has none (yet).</param>
public sealed record CampaignResults(
    Guid CampaignId,
    int AttributionDays,
    DateTimeOffset? WindowEndsAt,
    bool WindowOpen,
    int Audience,
    int Sent,
    int Clicks,
    int UniqueClickers,
    int CouponsIssued,
    int Redemptions,
    int Purchasers,
    decimal Revenue,
    HoldoutResults Holdout,
    LiftEstimate? ConversionLift,
    LiftEstimate? RevenueLift,
    IReadOnlyList<LinkResult> Links,
    LineInsight? Line)
{
    public double ConversionRate => Sent == 0 ? 0 : (double)Purchasers / Sent;

    public decimal RevenuePerRecipient => Sent == 0 ? 0 : Revenue / Sent;

    public double ClickRate => Sent == 0 ? 0 : (double)UniqueClickers / Sent;
}

public sealed record HoldoutResults(int Members, int Purchasers, decimal Revenue)
{
    public double ConversionRate => Members == 0 ? 0 : (double)Purchasers / Members;

    public decimal RevenuePerMember => Members == 0 ? 0 : Revenue / Members;
}

/// <summary>A difference between recipients and holdout with its 95 % confidence interval.</summary>
public sealed record LiftEstimate(double Difference, double Low, double High)
{
    /// <summary>The interval excludes zero.</summary>
    public bool Significant => Low > 0 || High < 0;
}

public sealed record LinkResult(int Index, string Url, int Clicks, int UniqueClickers);

/// <summary>LINE's insight figures for the unit (<c>GET /v2/bot/insight/message/event/aggregation</c>).</summary>
public sealed record LineInsight(long? UniqueImpressions, long? UniqueClicks);

/// <summary>One recipient's outcome for the results CSV.</summary>
public sealed record RecipientOutcome(
    Guid MemberId, string MemberCode, RecipientStatus Status, string? Reason, DateTimeOffset? SentAt, int Clicks, bool Redeemed, int Purchases, decimal Revenue);

/// <summary>Messages rendered for one recipient (a sample), or why they cannot be.</summary>
public sealed record CampaignRendering(IReadOnlyList<JsonElement> Messages, IReadOnlyList<BroadcastError> Errors);

/// <summary>A member an Owner flagged to receive test sends of campaigns (usually staff's own LINE accounts).</summary>
public sealed record CampaignTester(Guid MemberId, string MemberCode, string? Name, bool Reachable, DateTimeOffset AddedAt, string AddedBy);

public enum AddTesterOutcome
{
    Added = 0,
    AlreadyTester = 1,
    MemberNotFound = 2,
}

/// <param name="Sent">Testers the messages went to; <paramref name="Errors"/> says why the others did not get them.</param>
public sealed record TestSendResult(bool CampaignFound, int Sent, IReadOnlyList<string> Errors);

/// <summary>An uploaded campaign image, served by the app at <see cref="Url"/> (use it as both the original and the preview).</summary>
public sealed record CampaignImage(Guid Id, string Url, string ContentType, int Width, int Height, int Bytes);

public sealed record ImageUploadResult(CampaignImage? Image, string? Error);

/// <summary>
/// One member's messages outside a campaign (a journey step): rendered with the member's fields, pushed with
/// <see cref="Key"/> as LINE's retry key, so the same key is delivered once however often it is asked.
/// </summary>
/// <param name="Source">Who sends, for the record (e.g. <c>journey:{id}</c>).</param>
/// <param name="AggregationUnit">LINE's custom aggregation unit (1-30 letters, digits or _), so LINE counts the sender's opens and clicks together.</param>
public sealed record DirectMessageRequest(
    Guid Key, Guid MemberId, IReadOnlyList<JsonElement> Messages, string Source, bool ApplyQuietHours = true, bool ApplyFrequencyCap = true,
    string? AggregationUnit = null);

public enum DirectMessageOutcome
{
    Sent = 0,
    /// <summary>The key was sent before: nothing was pushed again.</summary>
    AlreadySent = 1,
    /// <summary>Inside quiet hours: ask again at <see cref="DirectMessageResult.RetryAt"/>.</summary>
    Deferred = 2,
    /// <summary>The member reached the frequency cap: not sent (and never will be under this key).</summary>
    Capped = 3,
    /// <summary>Not a LINE friend, blocked or opted out of marketing: not sent.</summary>
    Unreachable = 4,
    /// <summary>LINE refused the messages (or they are invalid): not sent.</summary>
    Failed = 5,
    /// <summary>LINE could not be reached or was busy: ask again at <see cref="DirectMessageResult.RetryAt"/> with the same key.</summary>
    RetryLater = 6,
}

/// <param name="Sent">The LINE messages as this send rendered them for the member (when it sent now), for the chat thread.</param>
public sealed record DirectMessageResult(DirectMessageOutcome Outcome, DateTimeOffset? RetryAt = null, string? Error = null, IReadOnlyList<JsonElement>? Sent = null)
{
    public bool Delivered => Outcome is DirectMessageOutcome.Sent or DirectMessageOutcome.AlreadySent;
}
