using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Tags;

namespace Membership.Tags.Rules;

/// <summary>
/// LINE rules: a text message that equals the keyword (ignoring case and surrounding spaces) or contains it, and a
/// postback whose data equals the rule's exactly. Members publishes both events once per LINE event.
/// </summary>
internal sealed class TagOnLineActivity(TagRules rules) : IIntegrationEventHandler<MemberMessageReceived>, IIntegrationEventHandler<MemberPostbackReceived>
{
    public async Task HandleAsync(MemberMessageReceived message, Guid messageId, CancellationToken ct)
    {
        var text = message.Text.Trim();
        foreach (var rule in await rules.EnabledAsync(ct, TagRuleKind.MessageKeyword))
        {
            var matches = rule.Keyword is { } keyword && ((KeywordMatch)rule.Match == KeywordMatch.Contains
                ? text.Contains(keyword.Trim(), StringComparison.OrdinalIgnoreCase)
                : text.Equals(keyword.Trim(), StringComparison.OrdinalIgnoreCase));
            if (matches)
            {
                await rules.FireAsync(rule, message.MemberId, $"line:{message.SourceEventId}", ct);
            }
        }
    }

    public async Task HandleAsync(MemberPostbackReceived postback, Guid messageId, CancellationToken ct)
    {
        foreach (var rule in await rules.EnabledAsync(ct, TagRuleKind.Postback))
        {
            if (string.Equals(rule.Keyword, postback.Data, StringComparison.Ordinal))
            {
                await rules.FireAsync(rule, postback.MemberId, $"line:{postback.SourceEventId}", ct);
            }
        }
    }
}
