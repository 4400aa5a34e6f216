using Membership.Contracts.Common;

namespace Membership.Contracts.Members;

/// <summary>
/// The Members module: members as LINE friends (and later registered members), and the timeline of
/// everything that happened to each. Other modules feed the timeline through here.
/// </summary>
public interface IMembersModule
{
    /// <summary>A LINE user added (or, unblocking, re-added) the official account. Idempotent by <see cref="LineFriendEvent.SourceEventId"/>.</summary>
    Task<MemberSummary> RecordLineFollowAsync(LineFollow follow, CancellationToken ct = default);

    /// <summary>The LINE user blocked the account: the member becomes unreachable; nothing is deleted.</summary>
    Task<MemberSummary?> RecordLineUnfollowAsync(LineFriendEvent unfollow, CancellationToken ct = default);

    /// <summary>Records an event from the member's chat (message, postback) on the timeline; null when no member has that LINE id.</summary>
    Task<MemberSummary?> RecordLineActivityAsync(LineActivity activity, CancellationToken ct = default);

    Task<MemberSummary?> FindByLineUserIdAsync(string lineUserId, CancellationToken ct = default);

    Task<MemberSummary?> GetAsync(Guid memberId, CancellationToken ct = default);

    Task<PagedResult<MemberSummary>> ListAsync(MemberQuery query, PageRequest page, CancellationToken ct = default);

    Task<PagedResult<TimelineEntry>> GetTimelineAsync(Guid memberId, PageRequest page, CancellationToken ct = default);

    /// <summary>
    /// Another module's entry on the member's timeline (a purchase, points, a tier change, a coupon).
    /// Idempotent by <see cref="MemberTimelineEntry.SourceId"/>; false when the member is unknown or the entry was already recorded.
    /// </summary>
    Task<bool> RecordTimelineEntryAsync(MemberTimelineEntry entry, CancellationToken ct = default);

    /// <summary>Members (not erased) whose birthday falls in <paramref name="month"/> (1-12), by id, for birthday gifts and journeys.</summary>
    IAsyncEnumerable<MemberBirthday> StreamBirthdaysAsync(int month, CancellationToken ct = default);
}

/// <param name="Kind">A <see cref="TimelineKinds"/> value or the module's own (e.g. <c>points.earned</c>).</param>
/// <param name="SourceId">What caused the entry, unique across modules (e.g. <c>points:purchase:{id}</c>): a repeat adds nothing.</param>
public sealed record MemberTimelineEntry(Guid MemberId, DateTimeOffset OccurredAt, string Kind, string Summary, string SourceId);

/// <param name="Language">The member's LINE language (e.g. <c>zh-TW</c>, <c>en</c>) when known, for customer-facing texts.</param>
public sealed record MemberBirthday(Guid MemberId, string MemberCode, string? Name, DateOnly Birthday, string? LineUserId, FriendStatus FriendStatus, string? Language);

public enum FriendStatus
{
    /// <summary>Never added the official account (e.g. an offline member).</summary>
    NeverFriend = 0,
    Friend = 1,
    /// <summary>Blocked the account: unreachable through LINE.</summary>
    Blocked = 2,
}

/// <summary>A member as lists show it. Mobile and e-mail are in full: the console masks them by role.</summary>
public sealed record MemberSummary(
    Guid Id,
    string MemberCode,
    MemberStatus Status,
    string? Name,
    string? Mobile,
    string? Email,
    string? Region,
    string? LineUserId,
    string? LineDisplayName,
    string? PictureUrl,
    string? Language,
    FriendStatus FriendStatus,
    DateTimeOffset? FriendSince,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset CreatedAt);

/// <param name="SourceEventId">The LINE <c>webhookEventId</c>: the same event recorded twice changes nothing.</param>
public record LineFriendEvent(string LineUserId, DateTimeOffset OccurredAt, string SourceEventId);

public sealed record LineFollow(
    string LineUserId,
    DateTimeOffset OccurredAt,
    string SourceEventId,
    bool IsUnblocked,
    string? DisplayName,
    string? PictureUrl,
    string? Language) : LineFriendEvent(LineUserId, OccurredAt, SourceEventId);

/// <param name="Kind">What happened, e.g. <see cref="TimelineKinds.Message"/>.</param>
/// <param name="Summary">Short text for the timeline (a message's text, a postback's data).</param>
/// <param name="Text">A text message's full text (null for stickers, images and postbacks): raises <see cref="MemberMessageReceived"/>.</param>
/// <param name="PostbackData">A postback's data: raises <see cref="MemberPostbackReceived"/>.</param>
public sealed record LineActivity(
    string LineUserId, DateTimeOffset OccurredAt, string SourceEventId, string Kind, string Summary, string? Text = null, string? PostbackData = null);

/// <param name="Search">Mobile (any part), name (fuzzy), member code or LINE display name.</param>
public sealed record MemberQuery(
    string? Search = null,
    FriendStatus? FriendStatus = null,
    MemberStatus? Status = null,
    string? Region = null,
    DateOnly? JoinedFrom = null,
    DateOnly? JoinedTo = null);

public sealed record TimelineEntry(Guid Id, DateTimeOffset OccurredAt, string Kind, string Summary);

/// <summary>Kinds of timeline entries; other modules add theirs (purchase, points, tag, campaign) as they arrive.</summary>
public static class TimelineKinds
{
    public const string FriendAdded = "friend.added";
    public const string FriendReturned = "friend.returned";
    public const string FriendBlocked = "friend.blocked";
    public const string Message = "line.message";
    public const string Postback = "line.postback";
    public const string Registered = "member.registered";
    public const string ProfileChanged = "member.profile-changed";
    public const string NoteAdded = "member.note-added";
    public const string Erased = "member.erased";
    public const string Purchase = "purchase.recorded";
    public const string PurchaseRefunded = "purchase.refunded";
    public const string Points = "points.changed";
    public const string TierChanged = "tier.changed";
    public const string Stamp = "stamps.changed";
    public const string Coupon = "coupon.changed";
    public const string Reward = "reward.redeemed";
}

/// <summary>Read-only views the Members module publishes (STYLE.md §4.3). Changing one is a contract change.</summary>
public static class MemberViews
{
    /// <summary>
    /// Members not erased: <c>member_id, member_code, name, mobile, line_display_name, status, gender (int), birthday date,
    /// region, preferred_store, registered_at, line_user_id, friend_status (int), friend_since, friend_status_changed_at,
    /// marketing_opted_out_at, created_at</c>.
    /// </summary>
    public const string SegmentProfiles = "members_v_segment_profiles";
}
