using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Membership.Line.Client;

/// <summary>How safe it is to send a request again when the outcome of an attempt is unknown.</summary>
internal enum LineRetryMode
{
    /// <summary>
    /// GETs, idempotent POSTs (set default / link rich menu, verify) and sends carrying an <c>X-Line-Retry-Key</c>
    /// (LINE answers a repeat of an accepted key with 409, never a second delivery): retried on 429, 5xx,
    /// timeouts and transport errors.
    /// </summary>
    Safe,

    /// <summary>
    /// Reply (single-use token, no retry key) and non-idempotent calls (create rich menu, upload its image).
    /// Retried only when LINE answered 429 or 5xx (an error answer means nothing was sent; and should a reply have
    /// gone out anyway, its used token makes the retry fail with 400 instead of sending twice) or when the connection
    /// could not even be opened. NOT retried after a timeout or a failure once the request was on the wire: the
    /// message may have been delivered, a retried reply would then get "Invalid reply token", and a caller falling
    /// back to push on that answer would send it twice. Such failures surface as LineUnavailableException instead.
    /// </summary>
    AtMostOnce,
}

internal static class LineRetryPolicy
{
    public static readonly HttpRequestOptionsKey<LineRetryMode> ModeKey = new("Membership.Line.RetryMode");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, LineResilienceOptions options)
    {
        builder
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 0),
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false, // our DelayGenerator reads Retry-After itself, with a cap
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, ModeOf(args.Context), options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            })
            .AddTimeout(options.AttemptTimeout);
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, LineRetryMode mode, TimeSpan maxRetryAfter)
    {
        if (outcome.Result is { } response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Honour Retry-After; one asking for longer than we are willing to wait fails at once.
                return RetryAfter(response) is not { } wait || wait <= maxRetryAfter;
            }

            // 5xx only: 400/401/403/404/409/413/415... never change by retrying.
            return (int)response.StatusCode >= 500;
        }

        return outcome.Exception switch
        {
            null => false,
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
            TimeoutRejectedException or HttpRequestException => mode == LineRetryMode.Safe,
            OperationCanceledException => false, // the caller gave up
            _ => false,
        };
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests || response.Headers.RetryAfter is not RetryConditionHeaderValue header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - (response.Headers.Date ?? DateTimeOffset.UtcNow);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static LineRetryMode ModeOf(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(ModeKey, out var mode) ? mode : LineRetryMode.Safe;
}
