using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fluid;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Line;

namespace Membership.Broadcast.Campaigns;

/// <summary>
/// A campaign's messages: LINE message objects whose string values may carry Liquid template fields. Checked as LINE
/// checks them (1–5 messages, known types, text ≤ 5000, alt text ≤ 1500, https links) before a campaign is saved.
/// </summary>
internal static class CampaignMessages
{
    public const int MaxMessages = 5;
    private const int MaxText = 5000;
    private const int MaxAltText = 1500;

    /// <summary>Reads LINE message objects whatever the order of their properties (<c>type</c> need not come first).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal static readonly FluidParser Parser = new();

    public static IReadOnlyList<BroadcastError> Check(IReadOnlyList<JsonElement>? messages)
    {
        var errors = new List<BroadcastError>();
        if (messages is null || messages.Count is 0 or > MaxMessages)
        {
            errors.Add(new("messages", $"A campaign sends 1 to {MaxMessages} messages."));
            return errors;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var path = $"messages[{i}]";
            if (messages[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path, "A message is a LINE message object."));
                continue;
            }

            LineMessage? message = null;
            try
            {
                message = messages[i].Deserialize<LineMessage>(Json);
            }
            catch (JsonException ex)
            {
                errors.Add(new(path, $"Not a LINE message this app can send (text, image, flex, template): {ex.Message}"));
            }
            catch (NotSupportedException ex)
            {
                errors.Add(new(path, $"Not a LINE message this app can send (text, image, flex, template): {ex.Message}"));
            }

            if (message is not null)
            {
                CheckMessage(message, path, errors);
            }

            CheckTemplates(JsonNode.Parse(messages[i].GetRawText())!, path, errors);
        }

        return errors;
    }

    /// <summary>Whether any string carries a template field: then each recipient gets their own rendering (push).</summary>
    public static bool IsPersonalised(IReadOnlyList<JsonElement> messages) => messages.Any(m => IsTemplate(m.GetRawText()));

    /// <summary>Whether a string carries Liquid output (<c>{{ }}</c>) or tags (<c>{% %}</c>).</summary>
    public static bool IsTemplate(string text) => text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);

    public static IReadOnlyList<LineMessage> ToLine(IEnumerable<JsonNode> messages) =>
        messages.Select(m => m.Deserialize<LineMessage>(Json)!).ToList();

    private static void CheckMessage(LineMessage message, string path, List<BroadcastError> errors)
    {
        switch (message)
        {
            case TextMessage text when string.IsNullOrWhiteSpace(text.Text):
                errors.Add(new($"{path}.text", "Text is empty."));
                break;
            case TextMessage text when text.Text.Length > MaxText:
                errors.Add(new($"{path}.text", $"Text is longer than {MaxText} characters."));
                break;
            case ImageMessage image:
                CheckUrl(image.OriginalContentUrl, $"{path}.originalContentUrl", errors);
                CheckUrl(image.PreviewImageUrl, $"{path}.previewImageUrl", errors);
                break;
            case FlexMessage flex when string.IsNullOrWhiteSpace(flex.AltText) || flex.AltText.Length > MaxAltText:
                errors.Add(new($"{path}.altText", $"Alt text is 1 to {MaxAltText} characters."));
                break;
            case TemplateMessage template when string.IsNullOrWhiteSpace(template.AltText) || template.AltText.Length > MaxAltText:
                errors.Add(new($"{path}.altText", $"Alt text is 1 to {MaxAltText} characters."));
                break;
        }
    }

    private static void CheckUrl(string? url, string path, List<BroadcastError> errors)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || url!.Length > 2000)
        {
            errors.Add(new(path, "LINE needs an https URL of at most 2000 characters."));
        }
    }

    private static void CheckTemplates(JsonNode node, string path, List<BroadcastError> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        CheckTemplates(value, $"{path}.{key}", errors);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        CheckTemplates(item, $"{path}[{i}]", errors);
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && IsTemplate(text):
                if (!Parser.TryParse(text, out _, out var error))
                {
                    errors.Add(new(path, $"Template error: {error}"));
                }

                break;
        }
    }
}
