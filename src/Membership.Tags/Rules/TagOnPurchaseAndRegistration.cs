using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Tags;

namespace Membership.Tags.Rules;

/// <summary>Purchase rules (a line in a category, or a total of at least an amount) and registration rules.</summary>
internal sealed class TagOnPurchaseAndRegistration(TagRules rules) : IIntegrationEventHandler<PurchaseRecorded>, IIntegrationEventHandler<MemberRegistered>
{
    public async Task HandleAsync(PurchaseRecorded purchase, Guid messageId, CancellationToken ct)
    {
        foreach (var rule in await rules.EnabledAsync(ct, TagRuleKind.PurchaseCategory, TagRuleKind.PurchaseTotal))
        {
            var matches = (TagRuleKind)rule.Kind == TagRuleKind.PurchaseTotal
                ? purchase.Total >= rule.MinimumAmount
                : purchase.Lines.Any(l => string.Equals(l.Category?.Trim(), rule.Category, StringComparison.OrdinalIgnoreCase));
            if (matches)
            {
                await rules.FireAsync(rule, purchase.MemberId, $"purchase:{purchase.PurchaseId}", ct);
            }
        }
    }

    public async Task HandleAsync(MemberRegistered registered, Guid messageId, CancellationToken ct)
    {
        foreach (var rule in await rules.EnabledAsync(ct, TagRuleKind.Registration))
        {
            await rules.FireAsync(rule, registered.MemberId, $"registered:{registered.MemberId}", ct);
        }
    }
}
