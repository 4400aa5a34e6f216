using System.Text.Json;
using System.Text.Json.Nodes;
using System.Security.Cryptography;
using System.Text;
using Membership.LineEmulator.Faults;
using Membership.LineEmulator.State;
using Microsoft.Extensions.Options;

namespace Membership.LineEmulator.Api;

/// <summary>
/// In front of every API call (<c>/v2/...</c>, <c>/oauth2/...</c>): <c>X-Line-Request-Id</c>, bearer token, 2 MB body
/// limit (413), injected faults, rate limits, <c>X-Line-Retry-Key</c> rules, and the request log.
/// </summary>
internal sealed class LineApiMiddleware(
    RequestDelegate next,
    IOptions<EmulatorOptions> options,
    FaultInjector faults,
    RateLimiter limiter,
    RequestLog log,
    TimeProvider time)
{
    public const int MaxBodyBytes = 2 * 1024 * 1024;
    public const string RetryKeyHeader = "X-Line-Retry-Key";

    private static readonly HashSet<string> RetryKeyEndpoints = new(StringComparer.Ordinal) { "push", "multicast", "narrowcast", "broadcast" };

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["X-Line-Request-Id"] = requestId;
        context.Items[HttpContextItems.RequestId] = requestId;
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/v2/", StringComparison.Ordinal) && !path.StartsWith("/oauth2/", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var endpoint = ApiEndpointNames.Of(context.Request.Method, path);
        context.Items[HttpContextItems.Endpoint] = endpoint;
        var retryKey = context.Request.Headers[RetryKeyHeader].FirstOrDefault();
        string? bodyHash = null;
        try
        {
            bodyHash = await HandleAsync(context, path, endpoint, retryKey);
        }
        finally
        {
            log.Add(new RequestLogEntry(time.GetUtcNow(), context.Request.Method, path, endpoint, context.Response.StatusCode, retryKey, requestId, bodyHash));
        }
    }

    private async Task<string?> HandleAsync(HttpContext context, string path, string endpoint, string? retryKey)
    {
        var isBotApi = path.StartsWith("/v2/", StringComparison.Ordinal);
        if (isBotApi && AuthenticationFailure(context) is { } authError)
        {
            await LineErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, authError);
            return null;
        }

        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            await LineErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request Entity Too Large");
            return null;
        }

        var hash = body.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(body));
        if (faults.NextFailure() is { } failure)
        {
            if (failure == StatusCodes.Status429TooManyRequests && faults.Current.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await LineErrors.WriteAsync(context, failure, failure == 429 ? LineErrors.RateLimited : "An error occurred in the server.");
            return hash;
        }

        if (isBotApi && !limiter.TryAcquire(endpoint))
        {
            await LineErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, LineErrors.RateLimited);
            return hash;
        }

        if (retryKey is not null && RetryKeyProblem(endpoint, retryKey) is { } retryKeyError)
        {
            await LineErrors.WriteAsync(context, StatusCodes.Status400BadRequest, retryKeyError);
            return hash;
        }

        context.Items[HttpContextItems.Body] = body;
        context.Request.Body = new MemoryStream(body, writable: false);
        await next(context);
        return hash;
    }

    private string? AuthenticationFailure(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'";
        }

        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(options.Value.ChannelAccessToken);
        return expected.Length > 0 && CryptographicOperations.FixedTimeEquals(given, expected)
            ? null
            : "Authentication failed. Confirm that the access token in the authorization header is valid.";
    }

    private static string? RetryKeyProblem(string endpoint, string retryKey)
    {
        if (!RetryKeyEndpoints.Contains(endpoint))
        {
            return "The X-Line-Retry-Key header is not supported for this API";
        }

        return Guid.TryParseExact(retryKey, "D", out _) ? null : "The value of the X-Line-Retry-Key header must be a UUID";
    }

    /// <summary>The whole body, or null when it exceeds 2 MB.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}

internal static class HttpContextItems
{
    public const string RequestId = "line.requestId";
    public const string Endpoint = "line.endpoint";
    public const string Body = "line.body";

    public static string LineRequestId(this HttpContext context) => (string)context.Items[RequestId]!;

    public static byte[] LineBody(this HttpContext context) => context.Items[Body] as byte[] ?? [];

    /// <summary>The body as a JSON object, or null when it is not one (LINE answers that with <see cref="NotAnObject"/>).</summary>
    public static JsonObject? LineBodyObject(this HttpContext context)
    {
        try
        {
            return JsonNode.Parse(context.LineBody()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IResult NotAnObject() => LineErrors.Error(StatusCodes.Status400BadRequest, "The request body could not be parsed as a JSON object");
}

internal static class ApiEndpointNames
{
    /// <summary>Short name of an API call: rate-limit bucket, retry-key rule and log label.</summary>
    public static string Of(string method, string path)
    {
        if (path.StartsWith("/v2/bot/message/", StringComparison.Ordinal))
        {
            return path["/v2/bot/message/".Length..] switch
            {
                var name when name is "reply" or "push" or "multicast" or "narrowcast" or "broadcast" => name,
                "progress/narrowcast" => "narrowcast-progress",
                "quota" => "quota",
                "quota/consumption" => "quota-consumption",
                var name when name.EndsWith("/content", StringComparison.Ordinal) => "content",
                _ => "other",
            };
        }

        return path switch
        {
            _ when path.StartsWith("/v2/bot/profile/", StringComparison.Ordinal) => "profile",
            "/v2/bot/followers/ids" => "followers",
            "/v2/bot/richmenu" when HttpMethods.IsPost(method) => "richmenu-create",
            _ when path.StartsWith("/v2/bot/richmenu/", StringComparison.Ordinal) && path.EndsWith("/content", StringComparison.Ordinal) => "richmenu-upload",
            _ when path.StartsWith("/v2/bot/user/all/richmenu", StringComparison.Ordinal) => "richmenu-default",
            _ when path.StartsWith("/v2/bot/user/", StringComparison.Ordinal) && path.Contains("/richmenu", StringComparison.Ordinal) => "richmenu-link",
            "/v2/bot/channel/webhook/endpoint" => "webhook-endpoint",
            "/v2/bot/chat/loading/start" => "loading",
            "/v2/bot/chat/markAsRead" => "mark-as-read",
            "/oauth2/v2.1/verify" => "verify",
            _ => "other",
        };
    }
}
