using Membership.Contracts.Members;

namespace Membership.Members.Demo;

/// <summary>One generated member with what happened to them (friend, registration with consent).</summary>
internal sealed record DemoMember(
    Guid Id,
    string MemberCode,
    MemberStatus Status,
    string? Name,
    string? Mobile,
    string? Email,
    DateOnly? Birthday,
    Gender Gender,
    string? Region,
    string? PreferredStore,
    string? LineUserId,
    string? LineDisplayName,
    FriendStatus FriendStatus,
    DateTimeOffset? FriendSince,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset CreatedAt);
