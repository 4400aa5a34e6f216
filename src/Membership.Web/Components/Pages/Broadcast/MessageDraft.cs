using System.Text.Json;

namespace Membership.Web.Components.Pages.Broadcast;

/// <summary>One message being written: plain text (with template fields) or a LINE message object as JSON.</summary>
public sealed class MessageDraft
{
    private MessageDraft(bool isText, string body) => (IsText, Body) = (isText, body);

    public bool IsText { get; }

    public string Body { get; set; }

    public static MessageDraft Text(string text) => new(true, text);

    public static MessageDraft Json(string json) => new(false, json);

    public static MessageDraft From(JsonElement message) =>
        message.TryGetProperty("type", out var type) && type.GetString() == "text" && message.EnumerateObject().Count() == 2
            ? Text(message.GetProperty("text").GetString() ?? "")
            : Json(JsonSerializer.Serialize(message, CampaignTemplates.Indented));

    public static List<MessageDraft> FromAll(IEnumerable<JsonElement> messages) => messages.Select(From).ToList();

    /// <summary>The drafts as LINE message objects; false with the index of each draft whose JSON does not parse.</summary>
    public static bool TryParseAll(IReadOnlyList<MessageDraft> drafts, out List<JsonElement> messages, out List<int> invalid)
    {
        messages = [];
        invalid = [];
        for (var i = 0; i < drafts.Count; i++)
        {
            if (drafts[i].ToElement() is { } element)
            {
                messages.Add(element);
            }
            else
            {
                invalid.Add(i);
            }
        }

        return invalid.Count == 0;
    }

    public JsonElement? ToElement()
    {
        if (IsText)
        {
            return JsonSerializer.SerializeToElement(new { type = "text", text = Body });
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
