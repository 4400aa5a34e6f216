using Membership.Contracts.Automation;
using Membership.Contracts.Line;

namespace Membership.Automation.AutoReplies;

/// <summary>
/// Picks the rule that answers a message or postback: enabled rules of the event's kind, inside their time window
/// (Asia/Taipei), by priority (lower first) then name; the first whose keyword matches answers.
/// </summary>
internal static class KeywordMatcher
{
    public static AutoReplyRule? Find(IEnumerable<AutoReplyRule> rules, LineChatEvent chat, TimeOnly taipeiTime)
    {
        var (source, input) = chat.PostbackData is { } data ? (AutoReplySource.Postback, data) : (AutoReplySource.Text, chat.Text);
        if (input is null)
        {
            return null;
        }

        return rules
            .Where(r => r.Enabled && r.Source == source && InWindow(r.Window, taipeiTime))
            .OrderBy(r => r.Priority).ThenBy(r => r.Name, StringComparer.Ordinal)
            .FirstOrDefault(r => r.Keywords.Any(k => Matches(source, r.Match, input, k)));
    }

    public static bool InWindow(ReplyWindow? window, TimeOnly time) => window is not { } w || w.From == w.To
        || (w.From < w.To ? time >= w.From && time < w.To : time >= w.From || time < w.To);

    private static bool Matches(AutoReplySource source, KeywordMatchMode match, string input, string keyword)
    {
        if (source == AutoReplySource.Postback)
        {
            return string.Equals(input, keyword, StringComparison.Ordinal); // postback data is machine-written
        }

        var text = input.Trim();
        var word = keyword.Trim();
        return word.Length > 0 && (match == KeywordMatchMode.Contains
            ? text.Contains(word, StringComparison.OrdinalIgnoreCase)
            : text.Equals(word, StringComparison.OrdinalIgnoreCase));
    }
}
