using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Membership.LineEmulator.Api;

/// <summary>LINE's rules for message objects (messaging-api.yml and the platform brief), as error details.</summary>
internal static class MessageRules
{
    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        "text", "textV2", "sticker", "image", "video", "audio", "location", "imagemap", "template", "flex", "coupon",
    };

    private static readonly HashSet<string> ActionTypes = new(StringComparer.Ordinal)
    {
        "postback", "message", "uri", "datetimepicker", "camera", "cameraRoll", "location", "richmenuswitch", "clipboard",
    };

    /// <summary><c>customAggregationUnits</c>: push and multicast only, one name of 1-30 letters, digits or underscores.</summary>
    public static void ValidateAggregationUnits(string endpoint, JsonNode? node, List<ErrorDetail> errors)
    {
        if (node is null)
        {
            return;
        }

        if (endpoint is not ("push" or "multicast"))
        {
            errors.Add(new ErrorDetail("customAggregationUnits is only accepted by push and multicast", "customAggregationUnits"));
        }
        else if (node is not JsonArray { Count: 1 } units || StringOf(units[0]) is not { Length: >= 1 and <= 30 } name
                 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            errors.Add(new ErrorDetail("must be one unit name of 1 to 30 letters, digits or underscores", "customAggregationUnits[0]"));
        }
    }

    public static void ValidateMessages(JsonNode? node, List<ErrorDetail> errors)
    {
        if (node is not JsonArray messages)
        {
            errors.Add(new ErrorDetail("must be specified", "messages"));
            return;
        }

        if (messages.Count is < 1 or > 5)
        {
            errors.Add(new ErrorDetail("Size must be between 1 and 5", "messages"));
            return;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            ValidateMessage(messages[i], $"messages[{i}]", errors);
        }
    }

    private static void ValidateMessage(JsonNode? node, string path, List<ErrorDetail> errors)
    {
        if (node is not JsonObject message)
        {
            errors.Add(new ErrorDetail("must be an object", path));
            return;
        }

        var type = StringOf(message["type"]);
        switch (type)
        {
            case null:
                errors.Add(new ErrorDetail("must be specified", $"{path}.type"));
                return;
            case "text" or "textV2":
                Text(message, "text", 1, 5000, path, errors);
                break;
            case "image":
                Url(message, "originalContentUrl", path, errors);
                Url(message, "previewImageUrl", path, errors);
                break;
            case "sticker":
                Text(message, "packageId", 1, 100, path, errors);
                Text(message, "stickerId", 1, 100, path, errors);
                break;
            case "flex":
                Text(message, "altText", 1, 1500, path, errors);
                if (message["contents"] is not JsonObject contents || StringOf(contents["type"]) is not ("bubble" or "carousel"))
                {
                    errors.Add(new ErrorDetail("must be a bubble or carousel container", $"{path}.contents"));
                }

                break;
            case "template":
                Text(message, "altText", 1, 1500, path, errors);
                Template(message["template"], $"{path}.template", errors);
                break;
            case var other when !KnownTypes.Contains(other):
                errors.Add(new ErrorDetail("Invalid message type", $"{path}.type"));
                return;
        }

        if (message["quickReply"] is JsonNode quickReply)
        {
            QuickReply(quickReply, $"{path}.quickReply", errors);
        }
    }

    private static void Template(JsonNode? node, string path, List<ErrorDetail> errors)
    {
        if (node is not JsonObject template)
        {
            errors.Add(new ErrorDetail("must be specified", path));
            return;
        }

        var actions = template["actions"] as JsonArray;
        switch (StringOf(template["type"]))
        {
            case "buttons":
                var compact = template["title"] is not null || template["thumbnailImageUrl"] is not null;
                Graphemes(template, "text", compact ? 60 : 160, path, errors);
                Graphemes(template, "title", 40, path, errors, required: false);
                if (actions is null || actions.Count is < 1 or > 4)
                {
                    errors.Add(new ErrorDetail("Size must be between 1 and 4", $"{path}.actions"));
                }

                break;
            case "confirm":
                Graphemes(template, "text", 240, path, errors);
                if (actions is null || actions.Count != 2)
                {
                    errors.Add(new ErrorDetail("Size must be 2", $"{path}.actions"));
                }

                break;
            case "carousel" or "image_carousel":
                if (template["columns"] is not JsonArray { Count: >= 1 and <= 10 })
                {
                    errors.Add(new ErrorDetail("Size must be between 1 and 10", $"{path}.columns"));
                }

                return;
            default:
                errors.Add(new ErrorDetail("Invalid template type", $"{path}.type"));
                return;
        }

        for (var i = 0; i < actions?.Count; i++)
        {
            Action(actions[i], $"{path}.actions[{i}]", errors);
        }
    }

    private static void QuickReply(JsonNode node, string path, List<ErrorDetail> errors)
    {
        if (node["items"] is not JsonArray items || items.Count is < 1 or > 13)
        {
            errors.Add(new ErrorDetail("Size must be between 1 and 13", $"{path}.items"));
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}.items[{i}]";
            if (items[i] is not JsonObject item || StringOf(item["type"]) != "action")
            {
                errors.Add(new ErrorDetail("must be 'action'", $"{itemPath}.type"));
                continue;
            }

            Action(item["action"], $"{itemPath}.action", errors);
        }
    }

    private static void Action(JsonNode? node, string path, List<ErrorDetail> errors)
    {
        if (node is not JsonObject action || StringOf(action["type"]) is not { } type || !ActionTypes.Contains(type))
        {
            errors.Add(new ErrorDetail("Invalid action type", $"{path}.type"));
            return;
        }

        Graphemes(action, "label", 20, path, errors, required: false);
        switch (type)
        {
            case "postback":
                Text(action, "data", 0, 300, path, errors);
                Text(action, "displayText", 1, 300, path, errors, required: false);
                break;
            case "message":
                Text(action, "text", 1, 300, path, errors);
                break;
            case "uri":
                Text(action, "uri", 1, 1000, path, errors);
                break;
        }
    }

    /// <summary>A string property, its length counted in UTF-16 code units (what LINE counts for message texts).</summary>
    private static void Text(JsonObject owner, string name, int min, int max, string path, List<ErrorDetail> errors, bool required = true)
    {
        var value = owner[name];
        if (value is null)
        {
            if (required)
            {
                errors.Add(new ErrorDetail("must be specified", $"{path}.{name}"));
            }

            return;
        }

        if (StringOf(value) is not { } text || text.Length < min || text.Length > max)
        {
            errors.Add(new ErrorDetail($"Length must be between {min} and {max}", $"{path}.{name}"));
        }
    }

    /// <summary>Labels and template texts count grapheme clusters (docs/text-character-count).</summary>
    private static void Graphemes(JsonObject owner, string name, int max, string path, List<ErrorDetail> errors, bool required = true)
    {
        var value = owner[name];
        if (value is null)
        {
            if (required)
            {
                errors.Add(new ErrorDetail("must be specified", $"{path}.{name}"));
            }

            return;
        }

        if (StringOf(value) is not { } text || new StringInfo(text).LengthInTextElements > max)
        {
            errors.Add(new ErrorDetail($"Length must be between 0 and {max}", $"{path}.{name}"));
        }
    }

    private static void Url(JsonObject owner, string name, string path, List<ErrorDetail> errors)
    {
        var text = StringOf(owner[name]);
        if (text is null || text.Length > 2000 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(new ErrorDetail("must be an https URL of at most 2000 characters", $"{path}.{name}"));
        }
    }

    public static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
