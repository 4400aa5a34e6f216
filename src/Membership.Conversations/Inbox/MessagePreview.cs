using System.Text.Json;

namespace Membership.Conversations.Inbox;

/// <summary>A message's type and the short line the inbox list shows for it.</summary>
internal static class MessagePreview
{
    public static string TypeOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var type) ? type.GetString() ?? "unknown" : "unknown";

    public static string? TextOf(JsonElement message) =>
        TypeOf(message) == "text" && message.TryGetProperty("text", out var text) ? text.GetString() : null;

    public static string Of(string type, string? text, JsonElement message) => Trim(type switch
    {
        "text" => text ?? "",
        "sticker" => "[貼圖]",
        "image" => "[圖片]",
        "video" => "[影片]",
        "audio" => "[語音]",
        "file" => "[檔案] " + Property(message, "fileName"),
        "location" => "[位置] " + (Property(message, "title") ?? Property(message, "address")),
        "postback" => "[按鈕] " + text,
        "flex" or "template" => "[" + Property(message, "altText") + "]",
        _ => $"[{type}]",
    });

    private static string? Property(JsonElement message, string name) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Trim(string text) => text.Length > 100 ? text[..100] : text;
}
