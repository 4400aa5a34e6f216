using Membership.Contracts.Members;

namespace Membership.Members.Persistence;

internal sealed class Member
{
    public Guid Id { get; init; }

    /// <summary>Absent for offline-only members.</summary>
    public string? LineUserId { get; set; }

    public string? LineDisplayName { get; set; }

    public string? PictureUrl { get; set; }

    public string? Language { get; set; }

    public FriendStatus FriendStatus { get; set; }

    /// <summary>When the member first added the official account.</summary>
    public DateTimeOffset? FriendSince { get; set; }

    /// <summary>Instant of the LINE event that last set <see cref="FriendStatus"/>: an older event arriving late changes nothing.</summary>
    public DateTimeOffset? FriendStatusChangedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public MemberSummary ToSummary() =>
        new(Id, LineUserId, LineDisplayName, PictureUrl, Language, FriendStatus, FriendSince, CreatedAt);
}

internal sealed class TimelineRecord
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string Kind { get; init; }
    public required string Summary { get; init; }

    /// <summary>The event that caused the entry (e.g. a LINE webhookEventId): unique, so replays add nothing.</summary>
    public string? SourceEventId { get; init; }
}
