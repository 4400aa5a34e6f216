using System.Collections.Concurrent;
using Membership.Contracts.Line;

namespace Membership.Testing.Fakes;

/// <summary>Records pushes and replies; a retry key already accepted is answered like LINE does (accepted once).</summary>
public sealed class RecordingLineClient : ILineMessagingClient
{
    public ConcurrentQueue<(PushMessageRequest Request, Guid RetryKey)> Pushes { get; } = new();

    public ConcurrentQueue<ReplyMessageRequest> Replies { get; } = new();

    public Task<LineSendResult> PushAsync(PushMessageRequest request, Guid retryKey, CancellationToken ct = default)
    {
        Pushes.Enqueue((request, retryKey));
        return Task.FromResult(new LineSendResult("req", null, false, []));
    }

    public Task<LineSendResult> ReplyAsync(ReplyMessageRequest request, CancellationToken ct = default)
    {
        Replies.Enqueue(request);
        return Task.FromResult(new LineSendResult("req", null, false, []));
    }

    public Task<LineSendResult> MulticastAsync(MulticastMessageRequest request, Guid retryKey, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineSendResult> NarrowcastAsync(NarrowcastMessageRequest request, Guid retryKey, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<NarrowcastProgress> GetNarrowcastProgressAsync(string requestId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineSendResult> BroadcastAsync(BroadcastMessageRequest request, Guid retryKey, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineUserProfile?> GetProfileAsync(string userId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineFollowerIds> GetFollowerIdsAsync(string? start = null, int? limit = null, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineMessageQuota> GetMessageQuotaAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task ValidatePushMessagesAsync(IReadOnlyList<LineMessage> messages, CancellationToken ct = default) => Task.CompletedTask;

    public Task<LineUnitStatistics> GetUnitStatisticsAsync(string unit, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task<LineQuotaConsumption> GetMessageQuotaConsumptionAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<string> CreateRichMenuAsync(RichMenuRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task UploadRichMenuImageAsync(string richMenuId, ReadOnlyMemory<byte> image, string contentType, CancellationToken ct = default) => throw new NotSupportedException();

    public Task SetDefaultRichMenuAsync(string richMenuId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task LinkRichMenuToUserAsync(string userId, string richMenuId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineIdToken?> VerifyIdTokenAsync(string idToken, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineMessageContent> GetMessageContentAsync(string messageId, long maxBytes, CancellationToken ct = default) => throw new NotSupportedException();

    public Task ShowLoadingAsync(string chatId, int seconds, CancellationToken ct = default) => throw new NotSupportedException();

    public Task MarkAsReadAsync(string markAsReadToken, CancellationToken ct = default) => throw new NotSupportedException();
}
