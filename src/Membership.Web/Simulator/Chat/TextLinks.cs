using System.Text.RegularExpressions;

namespace Membership.Web.Simulator.Chat;

/// <summary>Splits message text into plain runs and http(s) links, so links can be clickable.</summary>
internal static partial class TextLinks
{
    public static IReadOnlyList<TextSegment> Split(string text)
    {
        var segments = new List<TextSegment>();
        var at = 0;
        foreach (Match match in LinkPattern().Matches(text))
        {
            if (match.Index > at)
            {
                segments.Add(new TextSegment(text[at..match.Index]));
            }

            segments.Add(new TextSegment(match.Value, match.Value));
            at = match.Index + match.Length;
        }

        if (at < text.Length || segments.Count == 0)
        {
            segments.Add(new TextSegment(text[at..]));
        }

        return segments;
    }

    // Up to whitespace or a CJK/fullwidth character; trailing punctuation stays outside the link.
    [GeneratedRegex(@"https?://[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff<>""]+(?<![.,;:!?)\]}'])", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();
}

/// <summary>Only harmless URLs reach an href or src (no <c>javascript:</c>).</summary>
internal static class SafeUrl
{
    public static string? Http(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? url : null;

    public static string? Link(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "tel" or "mailto" or "line" ? url : null;
}
