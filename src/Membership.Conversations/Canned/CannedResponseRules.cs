using System.Text.RegularExpressions;
using Membership.Contracts.Conversations;

namespace Membership.Conversations.Canned;

internal static partial class CannedResponseRules
{
    public const int TitleMax = 50;
    public const int ShortcutMax = 20;
    public const int TextMax = 5000;

    public static List<ConversationError> Check(SaveCannedResponseRequest request)
    {
        var errors = new List<ConversationError>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > TitleMax)
        {
            errors.Add(new("title", $"標題為 1 到 {TitleMax} 個字。"));
        }

        if (request.Shortcut is { Length: > 0 } shortcut && !Shortcut().IsMatch(shortcut))
        {
            errors.Add(new("shortcut", $"捷徑為 1 到 {ShortcutMax} 個小寫英文字母、數字、- 或 _。"));
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > TextMax)
        {
            errors.Add(new("text", $"內容為 1 到 {TextMax} 個字。"));
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,20}$")]
    private static partial Regex Shortcut();
}
