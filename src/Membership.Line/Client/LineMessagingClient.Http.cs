using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Membership.Contracts.Line;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Membership.Line.Client;

internal sealed partial class LineMessagingClient
{
    private const string RetryKeyHeader = "X-Line-Retry-Key";
    private const string RequestIdHeader = "X-Line-Request-Id";
    private const string AcceptedRequestIdHeader = "X-Line-Accepted-Request-Id";

    private async Task<LineSendResult> SendAsync(string endpoint, byte[] body, Guid? retryKey, CancellationToken ct)
    {
        // A retry key makes repeats harmless (409); a reply has none and its token is single use.
        var mode = retryKey is null ? LineRetryMode.AtMostOnce : LineRetryMode.Safe;
        using var request = NewRequest(HttpMethod.Post, _options.ApiUri("/v2/bot/message/" + endpoint), mode);
        request.Content = JsonBody(body);
        if (retryKey is { } key)
        {
            request.Headers.TryAddWithoutValidation(RetryKeyHeader, key.ToString("D"));
        }

        using var response = await SendCoreAsync(request, endpoint, ct);
        var requestId = HeaderValue(response, RequestIdHeader);
        if (response.StatusCode == HttpStatusCode.Conflict && retryKey is not null && HeaderValue(response, AcceptedRequestIdHeader) is { } acceptedId)
        {
            // The same key was accepted before (maybe by an attempt whose answer we lost): sent once, which is success.
            var conflict = await TryReadAsync(response, LineJsonContext.Default.LineErrorBody, ct);
            LogAlreadyAccepted(logger, endpoint, acceptedId);
            return new LineSendResult(requestId, acceptedId, AlreadyAccepted: true, conflict?.SentMessages ?? []);
        }

        await EnsureSuccessAsync(response, ct);
        var sent = await TryReadAsync(response, LineJsonContext.Default.SentMessagesBody, ct);
        return new LineSendResult(requestId, AcceptedRequestId: null, AlreadyAccepted: false, sent?.SentMessages ?? []);
    }

    private async Task<T> GetAsync<T>(string endpoint, Uri uri, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        using var request = NewRequest(HttpMethod.Get, uri, LineRetryMode.Safe);
        using var response = await SendCoreAsync(request, endpoint, ct);
        await EnsureSuccessAsync(response, ct);
        return await ReadAsync(response, typeInfo, ct);
    }

    private async Task PostEmptyAsync(string endpoint, Uri uri, CancellationToken ct)
    {
        using var request = NewRequest(HttpMethod.Post, uri, LineRetryMode.Safe);
        using var response = await SendCoreAsync(request, endpoint, ct);
        await EnsureSuccessAsync(response, ct);
    }

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri, LineRetryMode mode)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ChannelAccessToken);
        request.Options.Set(LineRetryPolicy.ModeKey, mode);
        return request;
    }

    /// <summary>Bytes, not a stream: the content can be sent again on a retry and stays byte-identical.</summary>
    private static ByteArrayContent JsonBody(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <param name="completion">Headers only for content that may be large: the caller reads the body within its limit.</param>
    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpRequestMessage request, string endpoint, CancellationToken ct, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                   || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogUnavailable(logger, endpoint, ex.GetType().Name);
            throw new LineUnavailableException($"LINE {endpoint} did not answer: {ex.Message}", ex);
        }

        LogAnswered(logger, endpoint, (int)response.StatusCode, HeaderValue(response, RequestIdHeader));
        return response;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await TryReadAsync(response, LineJsonContext.Default.LineErrorBody, ct);
        throw new LineApiException(
            (int)response.StatusCode,
            error?.Message ?? response.ReasonPhrase ?? "LINE API error",
            error?.Details ?? [],
            HeaderValue(response, RequestIdHeader));
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync(typeInfo, ct)
        ?? throw new LineApiException((int)response.StatusCode, "LINE answered an empty body", requestId: HeaderValue(response, RequestIdHeader));

    private static async Task<T?> TryReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken ct)
        where T : class
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "LINE {Endpoint} answered {StatusCode} (request id {LineRequestId})")]
    private static partial void LogAnswered(ILogger logger, string endpoint, int statusCode, string? lineRequestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "LINE {Endpoint}: retry key already accepted by request {AcceptedRequestId}; not sent again")]
    private static partial void LogAlreadyAccepted(ILogger logger, string endpoint, string acceptedRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE {Endpoint} did not answer ({Failure})")]
    private static partial void LogUnavailable(ILogger logger, string endpoint, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "LINE rejected an ID token: {Error} {ErrorDescription}")]
    private static partial void LogIdTokenRejected(ILogger logger, string? error, string? errorDescription);
}
