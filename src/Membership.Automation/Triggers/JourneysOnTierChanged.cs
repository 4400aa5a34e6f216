using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Tiers;

namespace Membership.Automation.Triggers;

/// <summary>A tier change enters journeys by direction, target tier code or minimum rank (the top tiers).</summary>
internal sealed class JourneysOnTierChanged(JourneyTriggers triggers) : IIntegrationEventHandler<MemberTierChanged>
{
    public Task HandleAsync(MemberTierChanged changed, Guid messageId, CancellationToken ct) =>
        triggers.EnterAsync(JourneyTriggerKind.TierChanged, changed.MemberId, $"tier:{changed.ToTierCode}:{changed.ChangedAt.ToUnixTimeMilliseconds()}",
            t => (t.Direction is null || (t.Direction == TierDirection.Up) == changed.IsUpgrade)
                 && (t.To is null || t.To == changed.ToTierCode)
                 && (t.MinRank is null || changed.ToRank >= t.MinRank),
            ct);
}
