using System.Text.Json;

namespace Membership.Contracts.Automation;

public enum KeywordMatchMode
{
    /// <summary>The whole message equals a keyword (ignoring case and surrounding spaces).</summary>
    Exact = 0,
    Contains = 1,
}

/// <summary>What a rule listens to: a text message's words, or a postback's data (rich menu, buttons).</summary>
public enum AutoReplySource
{
    Text = 0,
    Postback = 1,
}

/// <summary>When a rule answers, in Asia/Taipei time; <see cref="From"/> after <see cref="To"/> spans midnight (e.g. 21:00-09:00).</summary>
public sealed record ReplyWindow(TimeOnly From, TimeOnly To);

public sealed record AutoReplyCounts(int Matched, int Replied, int Failed);

/// <param name="Priority">Lower answers first (1 before 100); ties by name.</param>
/// <param name="Messages">1-5 LINE messages as the campaign composer writes them (personal fields allowed).</param>
/// <param name="AddTagId">Tags the member when the rule answers.</param>
/// <param name="HandOff">After answering, the conversation goes to a person (auto-replies pause for this customer).</param>
public sealed record AutoReplyRule(
    Guid Id,
    string Name,
    AutoReplySource Source,
    IReadOnlyList<string> Keywords,
    KeywordMatchMode Match,
    int Priority,
    bool Enabled,
    ReplyWindow? Window,
    IReadOnlyList<JsonElement> Messages,
    Guid? AddTagId,
    DateTimeOffset UpdatedAt,
    AutoReplyCounts Counts,
    bool HandOff = false);

public sealed record SaveAutoReplyRequest(
    Guid? Id,
    string Name,
    AutoReplySource Source,
    IReadOnlyList<string> Keywords,
    KeywordMatchMode Match,
    int Priority,
    bool Enabled,
    ReplyWindow? Window,
    IReadOnlyList<JsonElement> Messages,
    Guid? AddTagId,
    string By,
    bool HandOff = false);

/// <summary>An invalid field, named by its path (e.g. <c>keywords</c>, <c>messages[0].text</c>).</summary>
public sealed record AutomationError(string Path, string Message);

public sealed record SaveAutoReplyResult(Guid? Id, IReadOnlyList<AutomationError> Errors)
{
    public bool Succeeded => Id is not null && Errors.Count == 0;
}

/// <summary>The answer to a text message no rule matched; off by default.</summary>
public sealed record DefaultReply(bool Enabled, IReadOnlyList<JsonElement> Messages);
