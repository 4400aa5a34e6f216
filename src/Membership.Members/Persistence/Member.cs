using Membership.Contracts.Members;

namespace Membership.Members.Persistence;

internal sealed class Member
{
    public Guid Id { get; init; }

    /// <summary>The number on the member card: 11 random digits and a Luhn check digit.</summary>
    public required string MemberCode { get; init; }

    public MemberStatus Status { get; set; }

    public string? Name { get; set; }

    /// <summary>Taiwan mobile, normalised to <c>09xxxxxxxx</c>; unique when present.</summary>
    public string? Mobile { get; set; }

    public string? Email { get; set; }

    public DateOnly? Birthday { get; set; }

    public Gender Gender { get; set; }

    /// <summary>A <see cref="TaiwanRegions"/> code.</summary>
    public string? Region { get; set; }

    public string? PreferredStore { get; set; }

    public DateTimeOffset? RegisteredAt { get; set; }

    public DateTimeOffset? ErasedAt { get; set; }

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

    /// <summary>The member asked for no marketing messages (campaigns and journeys skip them); null when not opted out.</summary>
    public DateTimeOffset? MarketingOptedOutAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public MemberSummary ToSummary() =>
        new(Id, MemberCode, Status, Name, Mobile, Email, Region, LineUserId, LineDisplayName, PictureUrl, Language,
            FriendStatus, FriendSince, RegisteredAt, CreatedAt);
}

internal sealed class ConsentEntry
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public int TermsVersion { get; init; }
    public DateTimeOffset AcceptedAt { get; init; }
    public required string Channel { get; init; }
}

internal sealed class NoteEntry
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string Author { get; init; }
    public required string Text { get; set; }
    public bool Pinned { get; set; }
}

internal sealed class TermsVersion
{
    public int Version { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public string? PublishedBy { get; init; }
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
