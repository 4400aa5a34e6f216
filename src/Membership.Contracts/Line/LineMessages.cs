using System.Text.Json;
using System.Text.Json.Serialization;

namespace Membership.Contracts.Line;

// Message objects we send (messages-api.yml `Message` and subtypes). The `type` discriminator is written first;
// serialise with camelCase names and nulls omitted (the Line module's serializer context does).

/// <summary>Common message properties: <c>quickReply</c> (shown on the last message only) and <c>sender</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextMessage), "text")]
[JsonDerivedType(typeof(TextV2Message), "textV2")]
[JsonDerivedType(typeof(ImageMessage), "image")]
[JsonDerivedType(typeof(FlexMessage), "flex")]
[JsonDerivedType(typeof(TemplateMessage), "template")]
public abstract record LineMessage
{
    public QuickReply? QuickReply { get; init; }

    public MessageSender? Sender { get; init; }
}

/// <summary>Text, ≤ 5000 UTF-16 code units. <c>$</c> placeholders in <see cref="Text"/> are replaced by <see cref="Emojis"/>.</summary>
public sealed record TextMessage(string Text) : LineMessage
{
    public IReadOnlyList<TextEmoji>? Emojis { get; init; }

    public string? QuoteToken { get; init; }
}

/// <param name="Index">Position of the <c>$</c> placeholder in the text (UTF-16).</param>
public sealed record TextEmoji(int Index, string ProductId, string EmojiId);

/// <summary>
/// Text v2: <c>{name}</c> placeholders in <see cref="Text"/> are replaced by <see cref="Substitution"/> entries
/// (mentions of a user or of everyone, LINE emojis).
/// </summary>
public sealed record TextV2Message(string Text) : LineMessage
{
    public IReadOnlyDictionary<string, TextSubstitution>? Substitution { get; init; }

    public string? QuoteToken { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MentionSubstitution), "mention")]
[JsonDerivedType(typeof(EmojiSubstitution), "emoji")]
public abstract record TextSubstitution;

public sealed record MentionSubstitution(MentionTarget Mentionee) : TextSubstitution;

public sealed record EmojiSubstitution(string ProductId, string EmojiId) : TextSubstitution;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(UserMentionTarget), "user")]
[JsonDerivedType(typeof(AllMentionTarget), "all")]
public abstract record MentionTarget;

public sealed record UserMentionTarget(string UserId) : MentionTarget;

public sealed record AllMentionTarget : MentionTarget;

/// <summary>HTTPS JPEG/PNG: original ≤ 10 MB, preview ≤ 1 MB; URLs ≤ 2000 characters.</summary>
public sealed record ImageMessage(string OriginalContentUrl, string PreviewImageUrl) : LineMessage;

/// <summary>
/// Flex message. <see cref="Contents"/> is the container (<c>bubble</c> or <c>carousel</c>) as raw JSON so any flex
/// layout works; <see cref="AltText"/> ≤ 1500 characters.
/// </summary>
public sealed record FlexMessage(string AltText, JsonElement Contents) : LineMessage
{
    /// <summary>Builds a flex message from a container's JSON text, e.g. one designed in the Flex Message Simulator.</summary>
    public static FlexMessage FromJson(string altText, string containerJson)
    {
        using var document = JsonDocument.Parse(containerJson);
        return new FlexMessage(altText, document.RootElement.Clone());
    }
}

/// <summary>Template message, <see cref="AltText"/> ≤ 1500 characters.</summary>
public sealed record TemplateMessage(string AltText, MessageTemplate Template) : LineMessage;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ButtonsTemplate), "buttons")]
[JsonDerivedType(typeof(ConfirmTemplate), "confirm")]
public abstract record MessageTemplate;

/// <summary>Buttons template: ≤ 4 actions; text ≤ 160 characters (≤ 60 with an image or a title).</summary>
public sealed record ButtonsTemplate(string Text, IReadOnlyList<LineAction> Actions) : MessageTemplate
{
    public string? ThumbnailImageUrl { get; init; }

    /// <summary><c>rectangle</c> (default) or <c>square</c>.</summary>
    public string? ImageAspectRatio { get; init; }

    /// <summary><c>cover</c> (default) or <c>contain</c>.</summary>
    public string? ImageSize { get; init; }

    public string? ImageBackgroundColor { get; init; }

    public string? Title { get; init; }

    public LineAction? DefaultAction { get; init; }
}

/// <summary>Confirm template: exactly 2 actions, text ≤ 240 characters.</summary>
public sealed record ConfirmTemplate(string Text, IReadOnlyList<LineAction> Actions) : MessageTemplate;

/// <summary>Quick reply: ≤ 13 items, shown only on the last message of a send.</summary>
public sealed record QuickReply(IReadOnlyList<QuickReplyItem> Items);

public sealed record QuickReplyItem(LineAction Action)
{
    /// <summary>Always <c>action</c>.</summary>
    public string Type => "action";

    public string? ImageUrl { get; init; }
}

/// <param name="Name">≤ 20 characters; words such as "LINE" are refused.</param>
public sealed record MessageSender(string? Name = null, string? IconUrl = null);
