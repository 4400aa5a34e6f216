namespace Membership.Contracts.Line;

/// <summary>
/// Outcome of a send. <see cref="RequestId"/> is LINE's <c>X-Line-Request-Id</c> of the answer (the narrowcast progress key).
/// When a retry key had already been accepted (409), <see cref="AlreadyAccepted"/> is true and
/// <see cref="AcceptedRequestId"/> names the original request: the messages went out once, earlier.
/// </summary>
public sealed record LineSendResult(
    string? RequestId,
    string? AcceptedRequestId,
    bool AlreadyAccepted,
    IReadOnlyList<LineSentMessage> SentMessages);

public sealed record LineSentMessage(string Id, string? QuoteToken = null);

public sealed record LineUserProfile(
    string UserId,
    string DisplayName,
    string? PictureUrl = null,
    string? StatusMessage = null,
    string? Language = null);

public sealed record LineFollowerIds(IReadOnlyList<string> UserIds, string? Next = null);

/// <param name="Type"><c>none</c> (no limit) or <c>limited</c>.</param>
/// <param name="Value">The monthly target limit when <paramref name="Type"/> is <c>limited</c>.</param>
public sealed record LineMessageQuota(string Type, long? Value = null);

public sealed record LineQuotaConsumption(long TotalUsage);

/// <summary>LINE's per-unit statistics; LINE gives null for values below 20 (privacy).</summary>
public sealed record LineUnitStatistics(LineUnitOverview Overview);

public sealed record LineUnitOverview(long? UniqueImpression, long? UniqueClick, long? UniqueMediaPlayed, long? UniqueMediaPlayed100Percent);

/// <param name="Phase"><c>waiting</c>, <c>sending</c>, <c>succeeded</c> or <c>failed</c>.</param>
public sealed record NarrowcastProgress(
    string Phase,
    DateTimeOffset AcceptedTime,
    long? SuccessCount = null,
    long? FailureCount = null,
    long? TargetCount = null,
    string? FailedDescription = null,
    long? ErrorCode = null,
    DateTimeOffset? CompletedTime = null);

/// <summary>Claims of a verified LINE ID token (<c>POST /oauth2/v2.1/verify</c>).</summary>
/// <param name="Sub">The LINE user id.</param>
/// <param name="Aud">The channel id the token was issued for.</param>
/// <param name="Exp">Expiry, UNIX seconds.</param>
/// <param name="Iat">Issued at, UNIX seconds.</param>
public sealed record LineIdToken(
    string Iss,
    string Sub,
    string Aud,
    long Exp,
    long Iat,
    string? Name = null,
    string? Picture = null,
    string? Email = null,
    string? Nonce = null);
