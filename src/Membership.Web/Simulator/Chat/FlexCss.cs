using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Membership.Web.Simulator.Chat;

/// <summary>
/// LINE flex keywords and values to CSS. Only values matching a keyword, a length (px/%) or a hex colour get through,
/// so a message can never inject arbitrary CSS.
/// </summary>
internal static partial class FlexCss
{
    public static readonly IReadOnlyDictionary<string, string> Spacing = new Dictionary<string, string>
    {
        ["none"] = "0", ["xs"] = "2px", ["sm"] = "4px", ["md"] = "8px", ["lg"] = "12px", ["xl"] = "16px", ["xxl"] = "20px",
    };

    public static readonly IReadOnlyDictionary<string, string> TextSizes = new Dictionary<string, string>
    {
        ["xxs"] = "11px", ["xs"] = "12px", ["sm"] = "13px", ["md"] = "15px", ["lg"] = "17px", ["xl"] = "20px",
        ["xxl"] = "24px", ["3xl"] = "28px", ["4xl"] = "36px", ["5xl"] = "48px",
    };

    public static readonly IReadOnlyDictionary<string, string> ImageSizes = new Dictionary<string, string>
    {
        ["xxs"] = "40px", ["xs"] = "60px", ["sm"] = "80px", ["md"] = "100px", ["lg"] = "120px", ["xl"] = "140px",
        ["xxl"] = "160px", ["3xl"] = "180px", ["4xl"] = "200px", ["5xl"] = "240px", ["full"] = "100%",
    };

    public static readonly IReadOnlyDictionary<string, string> BorderWidths = new Dictionary<string, string>
    {
        ["none"] = "0", ["light"] = "0.5px", ["normal"] = "1px", ["medium"] = "2px", ["semi-bold"] = "3px", ["bold"] = "4px",
    };

    private static readonly Dictionary<string, string> BubbleWidths = new()
    {
        ["nano"] = "120px", ["micro"] = "160px", ["deca"] = "220px", ["hecto"] = "241px", ["kilo"] = "260px", ["mega"] = "300px", ["giga"] = "386px",
    };

    private static readonly Dictionary<string, string> Alignments = new()
    {
        ["start"] = "flex-start", ["center"] = "center", ["end"] = "flex-end", ["top"] = "flex-start", ["bottom"] = "flex-end",
        ["flex-start"] = "flex-start", ["flex-end"] = "flex-end", ["space-between"] = "space-between",
        ["space-around"] = "space-around", ["space-evenly"] = "space-evenly",
    };

    private static readonly Dictionary<string, string> NoKeywords = [];

    public static string BubbleWidth(string? size) => BubbleWidths.GetValueOrDefault(size ?? "mega", "300px");

    /// <summary>A keyword of <paramref name="keywords"/>, or a px/% length; anything else is dropped.</summary>
    public static string? Length(string? value, IReadOnlyDictionary<string, string>? keywords = null) =>
        value is null ? null
        : (keywords ?? NoKeywords).TryGetValue(value, out var css) ? css
        : LengthPattern().IsMatch(value) ? value
        : null;

    public static string? Color(string? value) => value is not null && ColorPattern().IsMatch(value) ? value : null;

    public static string? Align(string? value) => value is null ? null : Alignments.GetValueOrDefault(value);

    /// <summary>LINE's <c>"20:13"</c> to CSS <c>20 / 13</c>.</summary>
    public static string? AspectRatio(string? value)
    {
        var match = value is null ? null : AspectPattern().Match(value);
        return match is { Success: true } ? $"{match.Groups[1].Value} / {match.Groups[2].Value}" : null;
    }

    /// <summary>Flex grow in the parent: LINE defaults to 1 in horizontal and baseline boxes, 0 in vertical ones.</summary>
    public static string Flex(int? flex, string parentLayout)
    {
        var grow = flex ?? (parentLayout == "vertical" ? 0 : 1);
        if (grow <= 0)
        {
            return "0 0 auto";
        }

        return parentLayout == "vertical" ? $"{grow.ToString(CultureInfo.InvariantCulture)} 1 auto" : $"{grow.ToString(CultureInfo.InvariantCulture)} 1 0px";
    }

    [GeneratedRegex(@"^-?\d{1,4}(\.\d{1,3})?(px|%)$")]
    private static partial Regex LengthPattern();

    [GeneratedRegex("^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")]
    private static partial Regex ColorPattern();

    [GeneratedRegex(@"^(\d{1,5}(?:\.\d{1,3})?):(\d{1,5}(?:\.\d{1,3})?)$")]
    private static partial Regex AspectPattern();
}

/// <summary>Collects <c>property:value</c> pairs, skipping null values.</summary>
internal sealed class CssStyle
{
    private readonly StringBuilder _css = new();

    public CssStyle Add(string property, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _css.Append(property).Append(':').Append(value).Append(';');
        }

        return this;
    }

    public CssStyle AddIf(bool condition, string property, string value) => condition ? Add(property, value) : this;

    public override string ToString() => _css.ToString();
}
