namespace Membership.Contracts.Members;

/// <summary>
/// Raised (through the Members outbox) when a member sent the official account a text message, once per LINE event
/// (tag rules: "a message that equals or contains a keyword").
/// </summary>
/// <param name="SourceEventId">The LINE <c>webhookEventId</c>.</param>
public sealed record MemberMessageReceived(Guid MemberId, string LineUserId, string Text, string SourceEventId, DateTimeOffset OccurredAt);

/// <summary>Raised (through the Members outbox) when a member tapped something that sent a postback, once per LINE event.</summary>
public sealed record MemberPostbackReceived(Guid MemberId, string LineUserId, string Data, string SourceEventId, DateTimeOffset OccurredAt);
