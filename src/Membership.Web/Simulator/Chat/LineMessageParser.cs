using System.Text.Json;

namespace Membership.Web.Simulator.Chat;

/// <summary>Turns a LINE message object (as the emulator recorded it) into a view to render. Pure; never throws on odd input.</summary>
internal static class LineMessageParser
{
    public static ChatMessageView Parse(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return new UnsupportedMessageView("?", null);
        }

        var type = Json.String(message, "type") ?? "?";
        ChatMessageView view = type switch
        {
            "text" => new TextMessageView(TextLinks.Split(Json.String(message, "text") ?? "")),
            "image" when SafeUrl.Http(Json.String(message, "originalContentUrl")) is { } original =>
                new ImageMessageView(original, SafeUrl.Http(Json.String(message, "previewImageUrl")) ?? original),
            "sticker" => new StickerMessageView(Json.String(message, "packageId") ?? "", Json.String(message, "stickerId") ?? ""),
            "template" when Json.TryGet(message, "template", out var template) && template.ValueKind == JsonValueKind.Object =>
                ParseTemplate(template, Json.String(message, "altText") ?? ""),
            "flex" when Json.TryGet(message, "contents", out var contents) =>
                new FlexMessageView(Json.String(message, "altText") ?? "", FlexParser.Bubbles(contents)),
            _ => new UnsupportedMessageView(type, Json.String(message, "altText")),
        };
        return view with { QuickReplies = QuickReplies(message) };
    }

    public static ChatAction? Action(JsonElement action)
    {
        if (action.ValueKind != JsonValueKind.Object || Json.String(action, "type") is not { } type)
        {
            return null;
        }

        var label = Json.String(action, "label") ?? Json.String(action, "text") ?? Json.String(action, "displayText") ?? "";
        return new ChatAction(
            type,
            label,
            Data: Json.String(action, "data"),
            Text: Json.String(action, "text"),
            Uri: type == ChatAction.UriType ? SafeUrl.Link(Json.String(action, "uri")) : null,
            DisplayText: Json.String(action, "displayText"));
    }

    private static TemplateMessageView ParseTemplate(JsonElement template, string altText)
    {
        var kind = Json.String(template, "type") ?? "buttons";
        IReadOnlyList<TemplateCard> cards = kind switch
        {
            "carousel" => Json.Items(template, "columns").Select(Card).ToList(),
            "image_carousel" => Json.Items(template, "columns")
                .Select(c => new TemplateCard(SafeUrl.Http(Json.String(c, "imageUrl")), null, null, Actions(c, "action")))
                .ToList(),
            _ => [Card(template)],
        };
        return new TemplateMessageView(kind, altText, cards);
    }

    private static TemplateCard Card(JsonElement column) => new(
        SafeUrl.Http(Json.String(column, "thumbnailImageUrl")),
        Json.String(column, "title"),
        Json.String(column, "text"),
        Actions(column, "actions"),
        Json.TryGet(column, "defaultAction", out var defaultAction) ? Action(defaultAction) : null);

    private static List<ChatAction> Actions(JsonElement owner, string property)
    {
        if (!Json.TryGet(owner, property, out var value))
        {
            return [];
        }

        var elements = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        return elements.Select(Action).OfType<ChatAction>().ToList();
    }

    private static List<ChatAction> QuickReplies(JsonElement message) =>
        Json.TryGet(message, "quickReply", out var quickReply) && quickReply.ValueKind == JsonValueKind.Object
            ? Json.Items(quickReply, "items").Select(item => Actions(item, "action").FirstOrDefault()).OfType<ChatAction>().ToList()
            : [];
}

/// <summary>Tolerant reads of optional JSON properties.</summary>
internal static class Json
{
    public static bool TryGet(JsonElement element, string property, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out value);
    }

    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool? Bool(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    public static int? Int(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    public static IEnumerable<JsonElement> Items(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}
