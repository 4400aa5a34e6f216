using System.Globalization;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using Membership.Contracts.Line;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Line.Client;

/// <summary>
/// Our LINE Messaging API client. Bodies are serialised once to bytes, so every retry re-sends exactly the same
/// bytes with the same <c>X-Line-Retry-Key</c>; retries themselves are the HttpClient's resilience pipeline
/// (<see cref="LineRetryPolicy"/>). Logs carry endpoint, status and LINE request ids, never tokens or bodies.
/// </summary>
internal sealed partial class LineMessagingClient(HttpClient http, IOptions<LineOptions> options, ILogger<LineMessagingClient> logger)
    : ILineMessagingClient
{
    private readonly LineOptions _options = options.Value;

    public Task<LineSendResult> ReplyAsync(ReplyMessageRequest request, CancellationToken ct = default) =>
        SendAsync("reply", Serialize(request, LineJsonContext.Default.ReplyMessageRequest), retryKey: null, ct);

    public Task<LineSendResult> PushAsync(PushMessageRequest request, Guid retryKey, CancellationToken ct = default) =>
        SendAsync("push", Serialize(request, LineJsonContext.Default.PushMessageRequest), retryKey, ct);

    public Task<LineSendResult> MulticastAsync(MulticastMessageRequest request, Guid retryKey, CancellationToken ct = default) =>
        SendAsync("multicast", Serialize(request, LineJsonContext.Default.MulticastMessageRequest), retryKey, ct);

    public Task<LineSendResult> NarrowcastAsync(NarrowcastMessageRequest request, Guid retryKey, CancellationToken ct = default) =>
        SendAsync("narrowcast", Serialize(request, LineJsonContext.Default.NarrowcastMessageRequest), retryKey, ct);

    public Task<LineSendResult> BroadcastAsync(BroadcastMessageRequest request, Guid retryKey, CancellationToken ct = default) =>
        SendAsync("broadcast", Serialize(request, LineJsonContext.Default.BroadcastMessageRequest), retryKey, ct);

    public async Task<NarrowcastProgress> GetNarrowcastProgressAsync(string requestId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        var uri = _options.ApiUri("/v2/bot/message/progress/narrowcast?requestId=" + Uri.EscapeDataString(requestId));
        return await GetAsync("narrowcast-progress", uri, LineJsonContext.Default.NarrowcastProgress, ct);
    }

    public async Task<LineUserProfile?> GetProfileAsync(string userId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        using var request = NewRequest(HttpMethod.Get, _options.ApiUri("/v2/bot/profile/" + Uri.EscapeDataString(userId)), LineRetryMode.Safe);
        using var response = await SendCoreAsync(request, "profile", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, ct);
        return await ReadAsync(response, LineJsonContext.Default.LineUserProfile, ct);
    }

    public Task<LineFollowerIds> GetFollowerIdsAsync(string? start = null, int? limit = null, CancellationToken ct = default)
    {
        var query = new List<string>(2);
        if (limit is { } l)
        {
            query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(start))
        {
            query.Add("start=" + Uri.EscapeDataString(start));
        }

        var path = "/v2/bot/followers/ids" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return GetAsync("followers", _options.ApiUri(path), LineJsonContext.Default.LineFollowerIds, ct);
    }

    public Task<LineMessageQuota> GetMessageQuotaAsync(CancellationToken ct = default) =>
        GetAsync("quota", _options.ApiUri("/v2/bot/message/quota"), LineJsonContext.Default.LineMessageQuota, ct);

    public Task ValidatePushMessagesAsync(IReadOnlyList<LineMessage> messages, CancellationToken ct = default) =>
        SendAsync("validate/push", Serialize(new ValidateMessagesRequest(messages), LineJsonContext.Default.ValidateMessagesRequest), null, ct);

    public Task<LineUnitStatistics> GetUnitStatisticsAsync(string unit, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(unit);
        var path = "/v2/bot/insight/message/event/aggregation?customAggregationUnit=" + Uri.EscapeDataString(unit)
            + "&from=" + from.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "&to=" + to.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return GetAsync("insight-unit", _options.ApiUri(path), LineJsonContext.Default.LineUnitStatistics, ct);
    }

    public Task<LineQuotaConsumption> GetMessageQuotaConsumptionAsync(CancellationToken ct = default) =>
        GetAsync("quota-consumption", _options.ApiUri("/v2/bot/message/quota/consumption"), LineJsonContext.Default.LineQuotaConsumption, ct);

    public async Task<string> CreateRichMenuAsync(RichMenuRequest request, CancellationToken ct = default)
    {
        using var message = NewRequest(HttpMethod.Post, _options.ApiUri("/v2/bot/richmenu"), LineRetryMode.AtMostOnce);
        message.Content = JsonBody(Serialize(request, LineJsonContext.Default.RichMenuRequest));
        using var response = await SendCoreAsync(message, "richmenu-create", ct);
        await EnsureSuccessAsync(response, ct);
        return (await ReadAsync(response, LineJsonContext.Default.RichMenuIdBody, ct)).RichMenuId;
    }

    public async Task UploadRichMenuImageAsync(string richMenuId, ReadOnlyMemory<byte> image, string contentType, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        var uri = _options.DataApiUri("/v2/bot/richmenu/" + Uri.EscapeDataString(richMenuId) + "/content");
        using var message = NewRequest(HttpMethod.Post, uri, LineRetryMode.AtMostOnce);
        message.Content = new ReadOnlyMemoryContent(image);
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await SendCoreAsync(message, "richmenu-upload", ct);
        await EnsureSuccessAsync(response, ct);
    }

    public Task SetDefaultRichMenuAsync(string richMenuId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        return PostEmptyAsync("richmenu-default", _options.ApiUri("/v2/bot/user/all/richmenu/" + Uri.EscapeDataString(richMenuId)), ct);
    }

    public Task LinkRichMenuToUserAsync(string userId, string richMenuId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        var path = "/v2/bot/user/" + Uri.EscapeDataString(userId) + "/richmenu/" + Uri.EscapeDataString(richMenuId);
        return PostEmptyAsync("richmenu-link", _options.ApiUri(path), ct);
    }

    public async Task<LineMessageContent> GetMessageContentAsync(string messageId, long maxBytes, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var uri = _options.DataApiUri("/v2/bot/message/" + Uri.EscapeDataString(messageId) + "/content");
        using var request = NewRequest(HttpMethod.Get, uri, LineRetryMode.Safe);
        using var response = await SendCoreAsync(request, "content", ct, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new LineMessageContent(LineContentStatus.Gone);
        }

        await EnsureSuccessAsync(response, ct);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return new LineMessageContent(LineContentStatus.TooLarge);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return new LineMessageContent(LineContentStatus.TooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        var contentType = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
        return new LineMessageContent(LineContentStatus.Found, buffer.ToArray(), contentType);
    }

    public async Task ShowLoadingAsync(string chatId, int seconds, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        using var request = NewRequest(HttpMethod.Post, _options.ApiUri("/v2/bot/chat/loading/start"), LineRetryMode.Safe);
        request.Content = JsonBody(Serialize(new LoadingStartBody(chatId, seconds), LineJsonContext.Default.LoadingStartBody));
        using var response = await SendCoreAsync(request, "loading", ct);
        await EnsureSuccessAsync(response, ct);
    }

    public async Task MarkAsReadAsync(string markAsReadToken, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(markAsReadToken);
        using var request = NewRequest(HttpMethod.Post, _options.ApiUri("/v2/bot/chat/markAsRead"), LineRetryMode.Safe);
        request.Content = JsonBody(Serialize(new MarkAsReadBody(markAsReadToken), LineJsonContext.Default.MarkAsReadBody));
        using var response = await SendCoreAsync(request, "mark-as-read", ct);
        await EnsureSuccessAsync(response, ct);
    }

    public async Task<LineIdToken?> VerifyIdTokenAsync(string idToken, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idToken);
        if (string.IsNullOrWhiteSpace(_options.ChannelId))
        {
            throw new InvalidOperationException("Line:ChannelId is required to verify ID tokens.");
        }

        // Public OAuth endpoint: no bearer token. Read-only, so safe to retry.
        using var message = new HttpRequestMessage(HttpMethod.Post, _options.ApiUri("/oauth2/v2.1/verify"));
        message.Options.Set(LineRetryPolicy.ModeKey, LineRetryMode.Safe);
        message.Content = new FormUrlEncodedContent([new("id_token", idToken), new("client_id", _options.ChannelId)]);
        using var response = await SendCoreAsync(message, "verify-id-token", ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var error = await TryReadAsync(response, LineJsonContext.Default.OAuthErrorBody, ct);
            LogIdTokenRejected(logger, error?.Error, error?.ErrorDescription);
            return null;
        }

        await EnsureSuccessAsync(response, ct);
        return await ReadAsync(response, LineJsonContext.Default.LineIdToken, ct);
    }

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
}
