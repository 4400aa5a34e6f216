namespace Membership.Web.Simulator.Chat;

/// <summary>A flex bubble: optional header, hero, body and footer; <paramref name="Width"/> is CSS (from the bubble size).</summary>
public sealed record FlexBubble(string Width, FlexBox? Header, FlexNode? Hero, FlexBox? Body, FlexBox? Footer, FlexSectionColors Colors);

public sealed record FlexSectionColors(string? Header = null, string? Hero = null, string? Body = null, string? Footer = null);

/// <summary>A flex component with its inline CSS already worked out (safe values only).</summary>
public abstract record FlexNode(string Style);

/// <param name="Layout"><c>vertical</c>, <c>horizontal</c> or <c>baseline</c>.</param>
public sealed record FlexBox(string Layout, IReadOnlyList<FlexNode> Contents, string Style, ChatAction? Action = null) : FlexNode(Style);

public sealed record FlexText(string Text, IReadOnlyList<FlexSpan> Spans, string Style, ChatAction? Action = null) : FlexNode(Style);

public sealed record FlexSpan(string Text, string Style);

/// <param name="ImageStyle">CSS of the img itself (aspect ratio, fit); <see cref="FlexNode.Style"/> is its frame's.</param>
public sealed record FlexImage(string Url, string Style, string ImageStyle, ChatAction? Action = null) : FlexNode(Style);

public sealed record FlexIcon(string Url, string Style) : FlexNode(Style);

/// <param name="Variant"><c>primary</c>, <c>secondary</c> or <c>link</c>.</param>
public sealed record FlexButton(ChatAction Action, string Variant, string Style) : FlexNode(Style);

public sealed record FlexSeparator(string Style) : FlexNode(Style);

public sealed record FlexFiller(string Style) : FlexNode(Style);
