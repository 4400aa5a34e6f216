using System.Text.Json;

namespace Membership.Line.Webhook;

/// <summary>One event of a webhook body, with the fields the inbox indexes and the raw JSON kept whole.</summary>
internal sealed record ReceivedEvent(
    string WebhookEventId, string Type, string? LineUserId, DateTimeOffset OccurredAt, bool IsRedelivery, string Json);

internal static class WebhookBody
{
    /// <summary>
    /// Reads <c>{"destination": …, "events": [...]}</c> (webhook.yml <c>CallbackRequest</c>). Null when the body is
    /// not that shape or an event lacks <c>webhookEventId</c>, <c>type</c> or <c>timestamp</c>: then nothing is stored.
    /// </summary>
    public static IReadOnlyList<ReceivedEvent>? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("events", out var events)
                || events.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var received = new List<ReceivedEvent>(events.GetArrayLength());
            foreach (var item in events.EnumerateArray())
            {
                if (Read(item) is not { } one)
                {
                    return null;
                }

                received.Add(one);
            }

            return received;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ReceivedEvent? Read(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !TryString(item, "webhookEventId", out var id) || id.Length is 0 or > 64
            || !TryString(item, "type", out var type) || type.Length is 0 or > 40
            || !item.TryGetProperty("timestamp", out var timestamp) || !timestamp.TryGetInt64(out var millis))
        {
            return null;
        }

        var userId = item.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object
            && TryString(source, "userId", out var user) ? user : null;
        var redelivery = item.TryGetProperty("deliveryContext", out var delivery) && delivery.ValueKind == JsonValueKind.Object
            && delivery.TryGetProperty("isRedelivery", out var flag) && flag.ValueKind == JsonValueKind.True;
        return new ReceivedEvent(id, type, userId, DateTimeOffset.FromUnixTimeMilliseconds(millis), redelivery, item.GetRawText());
    }

    private static bool TryString(JsonElement element, string name, out string value)
    {
        value = element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString()! : "";
        return value.Length > 0;
    }
}
