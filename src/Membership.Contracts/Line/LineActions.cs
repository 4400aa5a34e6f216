using System.Text.Json.Serialization;

namespace Membership.Contracts.Line;

/// <summary>Action objects (quick reply items, template buttons, rich menu areas). Labels ≤ 20 characters.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PostbackAction), "postback")]
[JsonDerivedType(typeof(MessageAction), "message")]
[JsonDerivedType(typeof(UriAction), "uri")]
public abstract record LineAction
{
    public string? Label { get; init; }
}

/// <summary>Sends a postback event with <see cref="Data"/> (≤ 300 characters) to the webhook.</summary>
public sealed record PostbackAction(string Data) : LineAction
{
    /// <summary>Shown in the chat as the user's message (≤ 300 characters).</summary>
    public string? DisplayText { get; init; }

    /// <summary><c>closeRichMenu</c>, <c>openRichMenu</c>, <c>openKeyboard</c> or <c>openVoice</c>.</summary>
    public string? InputOption { get; init; }

    public string? FillInText { get; init; }
}

/// <summary>The user sends <see cref="Text"/> as a message.</summary>
public sealed record MessageAction(string Text) : LineAction;

/// <summary>Opens <see cref="Uri"/> (http, https, line, tel; ≤ 1000 characters).</summary>
public sealed record UriAction(string Uri) : LineAction;
