using System.Globalization;
using System.Text;

namespace Membership.Web.Barcodes;

/// <summary>
/// Code 128 (ISO/IEC 15417), code set C for an even number of digits (the member code: shortest bars, best for
/// counter scanners), code set B otherwise. Rendered as an SVG of bars, no library needed.
/// </summary>
internal static class Code128
{
    public const int StartB = 104;
    public const int StartC = 105;
    public const int Stop = 106;

    /// <summary>Bar, space, bar, space, bar, space widths in modules for each symbol value 0–105; 106 is the stop (7 elements).</summary>
    internal static readonly string[] Patterns =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    private const int QuietModules = 10;

    /// <summary>The symbol values: start, data, check symbol, stop.</summary>
    public static IReadOnlyList<int> Encode(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var values = new List<int>();
        if (text.Length % 2 == 0 && text.All(char.IsAsciiDigit))
        {
            values.Add(StartC);
            for (var i = 0; i < text.Length; i += 2)
            {
                values.Add(int.Parse(text.AsSpan(i, 2), CultureInfo.InvariantCulture));
            }
        }
        else
        {
            values.Add(StartB);
            foreach (var c in text)
            {
                if (c is < ' ' or > '~')
                {
                    throw new ArgumentException("Code set B encodes printable ASCII only.", nameof(text));
                }

                values.Add(c - ' ');
            }
        }

        values.Add(CheckSymbol(values));
        values.Add(Stop);
        return values;
    }

    /// <summary>Modulo 103 of the start value plus each data value times its position.</summary>
    public static int CheckSymbol(IReadOnlyList<int> startAndData)
    {
        var sum = startAndData[0];
        for (var i = 1; i < startAndData.Count; i++)
        {
            sum += startAndData[i] * i;
        }

        return sum % 103;
    }

    /// <summary>The element widths of the whole symbol, bars first, without quiet zones.</summary>
    public static string Widths(string text) => string.Concat(Encode(text).Select(v => Patterns[v]));

    public static string Svg(string text, int moduleWidth = 2, int height = 64)
    {
        var widths = Widths(text);
        var totalModules = widths.Sum(w => w - '0') + (2 * QuietModules);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {totalModules * moduleWidth} {height}\" role=\"img\" shape-rendering=\"crispEdges\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{totalModules * moduleWidth}\" height=\"{height}\" fill=\"#fff\"/>");
        var x = QuietModules;
        for (var i = 0; i < widths.Length; i++)
        {
            var width = widths[i] - '0';
            if (i % 2 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x * moduleWidth}\" width=\"{width * moduleWidth}\" height=\"{height}\" fill=\"#000\"/>");
            }

            x += width;
        }

        return svg.Append("</svg>").ToString();
    }
}
