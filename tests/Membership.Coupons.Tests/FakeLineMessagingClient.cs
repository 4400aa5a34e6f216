using System.Collections.Concurrent;
using Membership.Contracts.Line;
using Membership.Contracts.Members;

namespace Membership.Coupons.Tests;

/// <summary>Records pushes; everything else is not used by Coupons.</summary>
internal sealed class FakeLineMessagingClient : ILineMessagingClient
{
    public ConcurrentQueue<(PushMessageRequest Request, Guid RetryKey)> Pushes { get; } = new();

    public Task<LineSendResult> PushAsync(PushMessageRequest request, Guid retryKey, CancellationToken ct = default)
    {
        Pushes.Enqueue((request, retryKey));
        return Task.FromResult(new LineSendResult("req", null, false, []));
    }

    public Task<LineSendResult> ReplyAsync(ReplyMessageRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineSendResult> MulticastAsync(MulticastMessageRequest request, Guid retryKey, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineSendResult> NarrowcastAsync(NarrowcastMessageRequest request, Guid retryKey, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<NarrowcastProgress> GetNarrowcastProgressAsync(string requestId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineSendResult> BroadcastAsync(BroadcastMessageRequest request, Guid retryKey, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineUserProfile?> GetProfileAsync(string userId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineFollowerIds> GetFollowerIdsAsync(string? start = null, int? limit = null, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineMessageQuota> GetMessageQuotaAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineQuotaConsumption> GetMessageQuotaConsumptionAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<string> CreateRichMenuAsync(RichMenuRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task UploadRichMenuImageAsync(string richMenuId, ReadOnlyMemory<byte> image, string contentType, CancellationToken ct = default) => throw new NotSupportedException();

    public Task SetDefaultRichMenuAsync(string richMenuId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task LinkRichMenuToUserAsync(string userId, string richMenuId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<LineIdToken?> VerifyIdTokenAsync(string idToken, CancellationToken ct = default) => throw new NotSupportedException();
}

internal sealed class FakeMemberLinks : IMemberLinks
{
    public string RegisterUrl(string lineUserId, TimeSpan? lifetime = null) => $"https://test/m/register?u={lineUserId}";

    public string CardUrl(string lineUserId, TimeSpan? lifetime = null) => $"https://test/m/card?u={lineUserId}";

    public string CreateToken(string lineUserId, MemberLinkPurpose purpose, TimeSpan? lifetime = null) => lineUserId;

    public string? ReadToken(string? token, MemberLinkPurpose purpose) => token;
}
