using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Contracts.Tags;

namespace Membership.Tags.Rules;

/// <summary>Purchase rules: a line in the rule's category (ignoring case), or a total of at least the rule's amount.</summary>
internal sealed class TagOnPurchaseRecorded(RuleFiring firing) : IIntegrationEventHandler<PurchaseRecorded>
{
    public async Task HandleAsync(PurchaseRecorded integrationEvent, Guid messageId, CancellationToken ct)
    {
        var source = $"purchase:{integrationEvent.PurchaseId}";
        var categories = integrationEvent.Lines.Select(l => l.Category?.Trim()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (categories.Count > 0)
        {
            await firing.FireAsync(TagRuleKind.PurchaseCategory, rule => rule.Category is { } category && categories.Contains(category),
                integrationEvent.MemberId, source, ct);
        }

        await firing.FireAsync(TagRuleKind.PurchaseTotal, rule => rule.MinimumAmount is { } minimum && integrationEvent.Total >= minimum,
            integrationEvent.MemberId, source, ct);
    }
}
