using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Membership.LineEmulator.Webhooks;

/// <summary>Signs and POSTs webhook bodies (<c>{"destination", "events": [event]}</c>) to the configured URL.</summary>
internal sealed partial class WebhookSender(
    IHttpClientFactory httpClients,
    WebhookSettings settings,
    IOptions<EmulatorOptions> options,
    ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "webhook";

    private readonly ConcurrentDictionary<string, JsonObject> _sent = new(StringComparer.Ordinal);

    /// <summary>Remembers the event (for redelivery) and sends it; returns the app's status code, or null if none.</summary>
    public async Task<int?> SendAsync(JsonObject webhookEvent, CancellationToken ct)
    {
        var eventId = (string)webhookEvent["webhookEventId"]!;
        _sent[eventId] = (JsonObject)webhookEvent.DeepClone();
        return await PostAsync(webhookEvent, ct);
    }

    /// <summary>The same event again with <c>deliveryContext.isRedelivery: true</c>; null when the id is unknown.</summary>
    public async Task<(JsonObject Event, int? Status)?> RedeliverAsync(string webhookEventId, CancellationToken ct)
    {
        if (!_sent.TryGetValue(webhookEventId, out var original))
        {
            return null;
        }

        var again = (JsonObject)original.DeepClone();
        again["deliveryContext"] = new JsonObject { ["isRedelivery"] = true };
        return (again, await PostAsync(again, ct));
    }

    private async Task<int?> PostAsync(JsonObject webhookEvent, CancellationToken ct)
    {
        var endpoint = settings.Endpoint;
        if (endpoint is null)
        {
            LogNoEndpoint(logger);
            return null;
        }

        var body = new JsonObject
        {
            ["destination"] = options.Value.BotUserId,
            ["events"] = new JsonArray(webhookEvent.DeepClone()),
        };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("x-line-signature", Sign(bytes));
        request.Headers.UserAgent.ParseAdd("LineBotWebhook/2.0");
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogFailed(logger, endpoint, ex.GetType().Name);
            return null;
        }
    }

    private string Sign(byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ChannelSecret), body));

    [LoggerMessage(Level = LogLevel.Information, Message = "No webhook URL set: event not sent")]
    private static partial void LogNoEndpoint(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook to {Endpoint} failed ({Failure})")]
    private static partial void LogFailed(ILogger logger, string endpoint, string failure);
}
