namespace Membership.Contracts.Members;

/// <summary>
/// Raised (through the Members outbox) when a member sent the official account a text message, once per LINE event
/// (tag rules: "a message that equals or contains a keyword").
/// </summary>
/// <param name="SourceEventId">The LINE <c>webhookEventId</c>.</param>
public sealed record MemberMessageReceived(Guid MemberId, string LineUserId, string Text, string SourceEventId, DateTimeOffset OccurredAt);

/// <summary>Raised (through the Members outbox) when a member tapped something that sent a postback, once per LINE event.</summary>
public sealed record MemberPostbackReceived(Guid MemberId, string LineUserId, string Data, string SourceEventId, DateTimeOffset OccurredAt);

/// <summary>Raised (through the Members outbox) when a LINE user added the account, once per LINE event (journeys: "new friend").</summary>
/// <param name="Returning">The user was a friend before (unblocked, or known already).</param>
public sealed record MemberFollowed(Guid MemberId, string LineUserId, bool Returning, string SourceEventId, DateTimeOffset OccurredAt);

/// <summary>Raised (through the Members outbox) when a member blocked the account, once per LINE event (journeys exit).</summary>
public sealed record MemberBlocked(Guid MemberId, string LineUserId, string SourceEventId, DateTimeOffset OccurredAt);
