using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Membership.Contracts.Broadcast;

namespace Membership.Broadcast.Results;

/// <summary>
/// Finds the links of a campaign's messages (every <c>uri</c> / <c>linkUri</c> of an action, and every URL in a text
/// message) and replaces them in a recipient's rendering by that recipient's tracked link. Image and icon URLs are not
/// links and stay as they are.
/// </summary>
internal static partial class TrackedLinks
{
    public const int MaxLinks = 50;
    private static readonly string[] LinkProperties = ["uri", "linkUri"];

    public static IReadOnlyList<string> Extract(IEnumerable<JsonElement> messages)
    {
        var links = new List<string>();
        foreach (var message in messages)
        {
            Visit(JsonNode.Parse(message.GetRawText()), topLevel: true, url =>
            {
                if (!links.Contains(url, StringComparer.Ordinal))
                {
                    links.Add(url);
                }

                return url;
            });
        }

        return links;
    }

    public static IReadOnlyList<BroadcastError> Check(IReadOnlyList<string> links)
    {
        var errors = new List<BroadcastError>();
        if (links.Count > MaxLinks)
        {
            errors.Add(new("messages", $"A campaign has at most {MaxLinks} different links."));
        }

        foreach (var link in links.Where(l => l.Contains("{{", StringComparison.Ordinal) || l.Contains("{%", StringComparison.Ordinal)))
        {
            errors.Add(new("messages", $"The link {link} carries a template field; links are tracked per recipient and cannot be personalised."));
        }

        return errors;
    }

    /// <summary>Replaces every link of <paramref name="links"/> by the tracked URL at the same index, in place.</summary>
    public static void Rewrite(IEnumerable<JsonNode> messages, IReadOnlyList<string> links, IReadOnlyList<string> tracked)
    {
        foreach (var message in messages)
        {
            Visit(message, topLevel: true, url => links.IndexOf(url) is >= 0 and var i ? tracked[i] : url);
        }
    }

    private static int IndexOf(this IReadOnlyList<string> links, string url)
    {
        for (var i = 0; i < links.Count; i++)
        {
            if (string.Equals(links[i], url, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Visit(JsonNode? node, bool topLevel, Func<string, string> onLink)
    {
        switch (node)
        {
            case JsonObject obj:
                var isText = topLevel && obj["type"]?.GetValueKind() == JsonValueKind.String && (string?)obj["type"] == "text";
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        if (LinkProperties.Contains(key) && IsHttp(text))
                        {
                            obj[key] = onLink(text);
                        }
                        else if (isText && key == "text")
                        {
                            obj[key] = UrlInText().Replace(text, m => onLink(m.Value));
                        }
                    }
                    else
                    {
                        Visit(value, topLevel: false, onLink);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item, topLevel: false, onLink);
                }

                break;
        }
    }

    private static bool IsHttp(string text) =>
        text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    // ASCII URL characters, not ending in punctuation that closes a sentence.
    [GeneratedRegex(@"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%{}]+(?<![.,;:!?')\]])", RegexOptions.IgnoreCase)]
    private static partial Regex UrlInText();
}
