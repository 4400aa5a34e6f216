using Membership.Line.Client;
using Membership.Line.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Line.Webhook;

/// <summary>
/// <c>POST /line/webhook</c>: verify the signature over the raw bytes, store every event in the inbox in one
/// statement, answer 200. Handling happens later, in the inbox processor, so LINE never waits on it.
/// </summary>
internal static class WebhookEndpoint
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static void MapLineWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/line/webhook", ReceiveAsync).AllowAnonymous().DisableAntiforgery().WithName("LineWebhook");

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, IOptions<LineOptions> options, InboxWriter inbox, ILoggerFactory loggers, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes + 1;
        }

        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!LineSignature.IsValid(options.Value.ChannelSecret, body.Value.Span, http.Request.Headers["x-line-signature"]))
        {
            loggers.CreateLogger(typeof(WebhookEndpoint)).LogWarning("Webhook refused: missing or wrong signature");
            return Results.Unauthorized();
        }

        if (WebhookBody.Parse(body.Value) is not { } events)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook body",
                detail: "Expected {\"events\": [...]} whose events each carry webhookEventId, type and timestamp.");
        }

        if (events.Count > 0)
        {
            await inbox.WriteAsync(events, ct);
        }

        return Results.Ok();
    }

    /// <summary>The raw body, or null when it is larger than <see cref="MaxBodyBytes"/> (chunked bodies have no length up front).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and <= MaxBodyBytes ? (int)request.ContentLength : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
