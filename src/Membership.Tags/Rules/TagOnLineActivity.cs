using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Tags;

namespace Membership.Tags.Rules;

/// <summary>Keyword rules: a LINE text message that equals (ignoring case and surrounding spaces) or contains the keyword.</summary>
internal sealed class TagOnMemberMessageReceived(RuleFiring firing) : IIntegrationEventHandler<MemberMessageReceived>
{
    public Task HandleAsync(MemberMessageReceived integrationEvent, Guid messageId, CancellationToken ct)
    {
        var text = integrationEvent.Text.Trim();
        return firing.FireAsync(TagRuleKind.MessageKeyword, rule => rule.Keyword is { } keyword && ((KeywordMatch)rule.Match == KeywordMatch.Contains
                ? text.Contains(keyword, StringComparison.OrdinalIgnoreCase)
                : text.Equals(keyword, StringComparison.OrdinalIgnoreCase)),
            integrationEvent.MemberId, $"line:{integrationEvent.SourceEventId}", ct);
    }
}

/// <summary>Postback rules: the postback's data equals the rule's exactly.</summary>
internal sealed class TagOnMemberPostbackReceived(RuleFiring firing) : IIntegrationEventHandler<MemberPostbackReceived>
{
    public Task HandleAsync(MemberPostbackReceived integrationEvent, Guid messageId, CancellationToken ct) =>
        firing.FireAsync(TagRuleKind.Postback, rule => string.Equals(rule.Keyword, integrationEvent.Data, StringComparison.Ordinal),
            integrationEvent.MemberId, $"line:{integrationEvent.SourceEventId}", ct);
}

/// <summary>Registration rules tag every member who registers.</summary>
internal sealed class TagOnMemberRegistered(RuleFiring firing) : IIntegrationEventHandler<MemberRegistered>
{
    public Task HandleAsync(MemberRegistered integrationEvent, Guid messageId, CancellationToken ct) =>
        firing.FireAsync(TagRuleKind.Registration, _ => true, integrationEvent.MemberId, $"member:registered:{integrationEvent.MemberId}", ct);
}
