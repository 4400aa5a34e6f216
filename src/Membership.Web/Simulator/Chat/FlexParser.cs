using System.Text.Json;

namespace Membership.Web.Simulator.Chat;

/// <summary>
/// LINE flex contents (bubble or carousel) to <see cref="FlexNode"/>s: boxes (vertical, horizontal, baseline), text with
/// spans, image, icon, button, separator, filler. Unknown components (video...) are skipped. Pure.
/// </summary>
internal static class FlexParser
{
    private const int MaxDepth = 16;

    public static IReadOnlyList<FlexBubble> Bubbles(JsonElement contents) => Json.String(contents, "type") switch
    {
        "bubble" => [Bubble(contents)],
        "carousel" => Json.Items(contents, "contents").Where(b => Json.String(b, "type") == "bubble").Select(Bubble).ToList(),
        _ => [],
    };

    public static FlexBubble Bubble(JsonElement bubble)
    {
        var styles = Json.TryGet(bubble, "styles", out var found) ? found : default;
        return new FlexBubble(
            FlexCss.BubbleWidth(Json.String(bubble, "size")),
            Section(bubble, "header"),
            Json.TryGet(bubble, "hero", out var hero) ? Component(hero, "vertical", 0) : null,
            Section(bubble, "body"),
            Section(bubble, "footer"),
            new FlexSectionColors(SectionColor(styles, "header"), SectionColor(styles, "hero"), SectionColor(styles, "body"), SectionColor(styles, "footer")));
    }

    /// <summary>One component inside a box laid out as <paramref name="parentLayout"/>; null when unknown or malformed.</summary>
    public static FlexNode? Component(JsonElement component, string parentLayout, int depth) =>
        depth > MaxDepth ? null : Json.String(component, "type") switch
        {
            "box" => Box(component, parentLayout, depth),
            "text" => Text(component, parentLayout),
            "image" => Image(component, parentLayout),
            "icon" => Icon(component, parentLayout),
            "button" => Button(component, parentLayout),
            "separator" => new FlexSeparator(InParent(component, parentLayout, flexDefault: 0)
                .Add(parentLayout == "vertical" ? "border-top" : "border-left", "1px solid " + (FlexCss.Color(Json.String(component, "color")) ?? "#d4d6da"))
                .ToString()),
            "filler" => new FlexFiller(new CssStyle().Add("flex", FlexCss.Flex(Json.Int(component, "flex") ?? 1, parentLayout)).ToString()),
            "spacer" => new FlexFiller(new CssStyle().Add("flex", "0 0 auto").Add("height", FlexCss.Length(Json.String(component, "size"), FlexCss.Spacing)).ToString()),
            _ => null,
        };

    private static FlexBox? Section(JsonElement bubble, string name) =>
        Json.TryGet(bubble, name, out var box) && Component(box, "vertical", 0) is FlexBox section ? section : null;

    private static string? SectionColor(JsonElement styles, string section) =>
        Json.TryGet(styles, section, out var style) ? FlexCss.Color(Json.String(style, "backgroundColor")) : null;

    private static FlexBox? Box(JsonElement box, string parentLayout, int depth)
    {
        var layout = Json.String(box, "layout") is ("horizontal" or "baseline" or "vertical") and var known ? known : "vertical";
        var contents = Json.Items(box, "contents").Select(c => Component(c, layout, depth + 1)).OfType<FlexNode>().ToList();
        var padding = FlexCss.Length(Json.String(box, "paddingAll"), FlexCss.Spacing);
        var borderWidth = FlexCss.Length(Json.String(box, "borderWidth"), FlexCss.BorderWidths);
        var borderColor = FlexCss.Color(Json.String(box, "borderColor"));
        var radius = FlexCss.Length(Json.String(box, "cornerRadius"), FlexCss.Spacing);
        var style = InParent(box, parentLayout)
            .Add("gap", FlexCss.Length(Json.String(box, "spacing"), FlexCss.Spacing))
            .Add("padding", padding)
            .Add("padding-top", FlexCss.Length(Json.String(box, "paddingTop"), FlexCss.Spacing))
            .Add("padding-bottom", FlexCss.Length(Json.String(box, "paddingBottom"), FlexCss.Spacing))
            .Add("padding-left", FlexCss.Length(Json.String(box, "paddingStart"), FlexCss.Spacing))
            .Add("padding-right", FlexCss.Length(Json.String(box, "paddingEnd"), FlexCss.Spacing))
            .Add("background-color", FlexCss.Color(Json.String(box, "backgroundColor")))
            .AddIf(borderWidth is not null || borderColor is not null, "border", $"{borderWidth ?? "1px"} solid {borderColor ?? "#000000"}")
            .Add("border-radius", radius)
            .AddIf(radius is not null, "overflow", "hidden")
            .Add("width", FlexCss.Length(Json.String(box, "width")))
            .Add("max-width", FlexCss.Length(Json.String(box, "maxWidth")))
            .Add("height", FlexCss.Length(Json.String(box, "height")))
            .Add("max-height", FlexCss.Length(Json.String(box, "maxHeight")))
            .Add("justify-content", FlexCss.Align(Json.String(box, "justifyContent")))
            .Add("align-items", FlexCss.Align(Json.String(box, "alignItems")));
        return new FlexBox(layout, contents, style.ToString(), ActionOf(box));
    }

    private static FlexText Text(JsonElement text, string parentLayout)
    {
        var wrap = Json.Bool(text, "wrap") == true;
        var maxLines = Json.Int(text, "maxLines") ?? 0;
        var style = Font(InParent(text, parentLayout), text)
            .Add("text-align", Json.String(text, "align") switch { "center" => "center", "end" => "right", "start" => "left", _ => null })
            .Add("align-self", parentLayout == "vertical" ? null : FlexCss.Align(Json.String(text, "gravity")))
            .Add("white-space", wrap ? "pre-wrap" : "nowrap")
            .AddIf(!wrap, "text-overflow", "ellipsis")
            .AddIf(!wrap || maxLines > 0, "overflow", "hidden")
            .AddIf(wrap && maxLines > 0, "display", "-webkit-box")
            .AddIf(wrap && maxLines > 0, "-webkit-box-orient", "vertical")
            .AddIf(wrap && maxLines > 0, "-webkit-line-clamp", maxLines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var spans = Json.Items(text, "contents").Where(s => Json.String(s, "type") == "span")
            .Select(s => new FlexSpan(Json.String(s, "text") ?? "", Font(new CssStyle(), s).ToString())).ToList();
        return new FlexText(Json.String(text, "text") ?? "", spans, style.ToString(), ActionOf(text));
    }

    private static CssStyle Font(CssStyle style, JsonElement element) => style
        .Add("font-size", FlexCss.Length(Json.String(element, "size"), FlexCss.TextSizes))
        .AddIf(Json.String(element, "weight") == "bold", "font-weight", "700")
        .Add("color", FlexCss.Color(Json.String(element, "color")))
        .AddIf(Json.String(element, "style") == "italic", "font-style", "italic")
        .Add("text-decoration", Json.String(element, "decoration") is ("underline" or "line-through") and var line ? line : null);

    private static FlexImage? Image(JsonElement image, string parentLayout)
    {
        if (SafeUrl.Http(Json.String(image, "url")) is not { } url)
        {
            return null;
        }

        var frame = InParent(image, parentLayout)
            .Add("display", "flex")
            .Add("justify-content", FlexCss.Align(Json.String(image, "align")) ?? "center");
        var img = new CssStyle()
            .Add("width", FlexCss.Length(Json.String(image, "size") ?? "md", FlexCss.ImageSizes) ?? "100px")
            .Add("max-width", "100%")
            .Add("aspect-ratio", FlexCss.AspectRatio(Json.String(image, "aspectRatio")) ?? "1 / 1")
            .Add("object-fit", Json.String(image, "aspectMode") == "cover" ? "cover" : "contain")
            .Add("background-color", FlexCss.Color(Json.String(image, "backgroundColor")));
        return new FlexImage(url, frame.ToString(), img.ToString(), ActionOf(image));
    }

    private static FlexIcon? Icon(JsonElement icon, string parentLayout)
    {
        if (SafeUrl.Http(Json.String(icon, "url")) is not { } url)
        {
            return null;
        }

        var size = FlexCss.Length(Json.String(icon, "size") ?? "md", FlexCss.TextSizes) ?? "15px";
        var style = InParent(icon, parentLayout, flexDefault: 0)
            .Add("height", size)
            .Add("aspect-ratio", FlexCss.AspectRatio(Json.String(icon, "aspectRatio")) ?? "1 / 1");
        return new FlexIcon(url, style.ToString());
    }

    private static FlexButton? Button(JsonElement button, string parentLayout)
    {
        if (ActionOf(button) is not { } action)
        {
            return null;
        }

        var variant = Json.String(button, "style") is ("primary" or "secondary") and var known ? known : "link";
        var color = FlexCss.Color(Json.String(button, "color"));
        var style = InParent(button, parentLayout)
            .Add(variant == "link" ? "color" : "background-color", color)
            .AddIf(Json.String(button, "height") == "sm", "min-height", "36px")
            .Add("align-self", parentLayout == "vertical" ? null : FlexCss.Align(Json.String(button, "gravity")));
        return new FlexButton(action, variant, style.ToString());
    }

    /// <summary>How a component sits in its parent: flex, margin (top in vertical boxes, left otherwise), offsets.</summary>
    private static CssStyle InParent(JsonElement component, string parentLayout, int? flexDefault = null)
    {
        var position = Json.String(component, "position") == "absolute" ? "absolute" : null;
        return new CssStyle()
            .Add("flex", position is null ? FlexCss.Flex(Json.Int(component, "flex") ?? flexDefault, parentLayout) : null)
            .Add(parentLayout == "vertical" ? "margin-top" : "margin-left", FlexCss.Length(Json.String(component, "margin"), FlexCss.Spacing))
            .Add("position", position)
            .Add("top", FlexCss.Length(Json.String(component, "offsetTop"), FlexCss.Spacing))
            .Add("bottom", FlexCss.Length(Json.String(component, "offsetBottom"), FlexCss.Spacing))
            .Add("left", FlexCss.Length(Json.String(component, "offsetStart"), FlexCss.Spacing))
            .Add("right", FlexCss.Length(Json.String(component, "offsetEnd"), FlexCss.Spacing));
    }

    private static ChatAction? ActionOf(JsonElement component) =>
        Json.TryGet(component, "action", out var action) ? LineMessageParser.Action(action) : null;
}
