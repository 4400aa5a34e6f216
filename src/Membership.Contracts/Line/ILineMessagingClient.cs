namespace Membership.Contracts.Line;

/// <summary>
/// Typed client of the LINE Messaging API (our own: the Line.Messaging package is not served here).
/// Every failure answered by LINE other than a retry-key 409 surfaces as <see cref="LineApiException"/>;
/// a call LINE never answered (timeouts, connection failures) surfaces as <see cref="LineUnavailableException"/>.
/// </summary>
public interface ILineMessagingClient
{
    /// <summary>Free reply with a webhook reply token (single use, about one minute). Not counted against the quota.</summary>
    Task<LineSendResult> ReplyAsync(ReplyMessageRequest request, CancellationToken ct = default);

    /// <summary>Push to one user, group or room. <paramref name="retryKey"/> must have been persisted by the caller first.</summary>
    Task<LineSendResult> PushAsync(PushMessageRequest request, Guid retryKey, CancellationToken ct = default);

    /// <summary>Same messages to 1–500 user ids.</summary>
    Task<LineSendResult> MulticastAsync(MulticastMessageRequest request, Guid retryKey, CancellationToken ct = default);

    /// <summary>Asynchronous send (LINE answers 202); follow it with <see cref="GetNarrowcastProgressAsync"/> and the result's <see cref="LineSendResult.RequestId"/>.</summary>
    Task<LineSendResult> NarrowcastAsync(NarrowcastMessageRequest request, Guid retryKey, CancellationToken ct = default);

    Task<NarrowcastProgress> GetNarrowcastProgressAsync(string requestId, CancellationToken ct = default);

    /// <summary>Send to every friend of the official account.</summary>
    Task<LineSendResult> BroadcastAsync(BroadcastMessageRequest request, Guid retryKey, CancellationToken ct = default);

    /// <summary>The user's profile, or <c>null</c> when LINE answers 404 (blocked, no consent, unknown id).</summary>
    Task<LineUserProfile?> GetProfileAsync(string userId, CancellationToken ct = default);

    /// <summary>One page of follower ids; pass the previous page's <see cref="LineFollowerIds.Next"/> as <paramref name="start"/>.</summary>
    Task<LineFollowerIds> GetFollowerIdsAsync(string? start = null, int? limit = null, CancellationToken ct = default);

    Task<LineMessageQuota> GetMessageQuotaAsync(CancellationToken ct = default);

    /// <summary>LINE's checks of messages as a push would send them, without sending; a refusal throws <see cref="LineApiException"/> (400, with details).</summary>
    Task ValidatePushMessagesAsync(IReadOnlyList<LineMessage> messages, CancellationToken ct = default);

    /// <summary>Statistics of the pushes and multicasts sent with <paramref name="unit"/> as <c>customAggregationUnits</c> (dates in UTC+9, ≤ 30 days).</summary>
    Task<LineUnitStatistics> GetUnitStatisticsAsync(string unit, DateOnly from, DateOnly to, CancellationToken ct = default);

    Task<LineQuotaConsumption> GetMessageQuotaConsumptionAsync(CancellationToken ct = default);

    /// <returns>The new rich menu id.</returns>
    Task<string> CreateRichMenuAsync(RichMenuRequest request, CancellationToken ct = default);

    /// <summary>Uploads the image (JPEG or PNG, ≤ 1 MB) to the api-data host. A rich menu image cannot be replaced.</summary>
    Task UploadRichMenuImageAsync(string richMenuId, ReadOnlyMemory<byte> image, string contentType, CancellationToken ct = default);

    Task SetDefaultRichMenuAsync(string richMenuId, CancellationToken ct = default);

    Task LinkRichMenuToUserAsync(string userId, string richMenuId, CancellationToken ct = default);

    /// <summary>
    /// Verifies a LIFF / LINE Login ID token with <c>POST /oauth2/v2.1/verify</c> against the configured channel id.
    /// Returns <c>null</c> when LINE rejects the token (400 <c>invalid_request</c>: expired, wrong audience, forged).
    /// </summary>
    Task<LineIdToken?> VerifyIdTokenAsync(string idToken, CancellationToken ct = default);

    /// <summary>
    /// The content of an image, video, audio or file a user sent (<c>GET api-data/v2/bot/message/{id}/content</c>):
    /// <see cref="LineContentStatus.Gone"/> once LINE has deleted it, <see cref="LineContentStatus.TooLarge"/> past
    /// <paramref name="maxBytes"/> (not read further).
    /// </summary>
    Task<LineMessageContent> GetMessageContentAsync(string messageId, long maxBytes, CancellationToken ct = default);

    /// <summary>Shows the loading animation in the user's chat for 5-60 seconds (steps of 5) or until a message reaches them.</summary>
    Task ShowLoadingAsync(string chatId, int seconds, CancellationToken ct = default);

    /// <summary>Marks the user's messages up to the one that carried this <c>markAsReadToken</c> as read.</summary>
    Task MarkAsReadAsync(string markAsReadToken, CancellationToken ct = default);
}

public enum LineContentStatus
{
    Found = 0,
    Gone = 1,
    TooLarge = 2,
}

public sealed record LineMessageContent(LineContentStatus Status, byte[]? Bytes = null, string? ContentType = null);
