namespace Membership.Web.Simulator.Chat;

/// <summary>Something a LINE user can tap: <c>postback</c>, <c>message</c>, <c>uri</c>; other types are shown but inert.</summary>
public sealed record ChatAction(string Type, string Label, string? Data = null, string? Text = null, string? Uri = null, string? DisplayText = null)
{
    public const string PostbackType = "postback";
    public const string MessageType = "message";
    public const string UriType = "uri";

    /// <summary>An http(s), tel or mailto link, opened in a new tab.</summary>
    public bool IsLink => Type == UriType && Uri is not null;

    /// <summary>Tapping sends an event to the app (postback with data, or message with text).</summary>
    public bool SendsEvent => (Type == PostbackType && Data is not null) || (Type == MessageType && !string.IsNullOrEmpty(Text));
}

/// <summary>A LINE message object the official account sent, shaped for rendering.</summary>
public abstract record ChatMessageView
{
    public IReadOnlyList<ChatAction> QuickReplies { get; init; } = [];
}

public sealed record TextMessageView(IReadOnlyList<TextSegment> Segments) : ChatMessageView;

public sealed record ImageMessageView(string OriginalUrl, string PreviewUrl) : ChatMessageView;

public sealed record StickerMessageView(string PackageId, string StickerId) : ChatMessageView;

/// <summary>Template buttons (one card), confirm (one card, actions side by side), carousel and image carousel (several).</summary>
public sealed record TemplateMessageView(string Kind, string AltText, IReadOnlyList<TemplateCard> Cards) : ChatMessageView
{
    public bool IsConfirm => Kind == "confirm";
}

public sealed record TemplateCard(string? ImageUrl, string? Title, string? Text, IReadOnlyList<ChatAction> Actions, ChatAction? DefaultAction = null);

public sealed record FlexMessageView(string AltText, IReadOnlyList<FlexBubble> Bubbles) : ChatMessageView;

/// <summary>A message type the simulator does not draw (video, audio, location, imagemap...): its type and alt text.</summary>
public sealed record UnsupportedMessageView(string Type, string? AltText) : ChatMessageView;

/// <summary>A run of text, a link when <paramref name="Url"/> is set.</summary>
public sealed record TextSegment(string Text, string? Url = null);
