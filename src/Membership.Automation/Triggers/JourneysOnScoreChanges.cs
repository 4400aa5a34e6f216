using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;

namespace Membership.Automation.Triggers;

/// <summary>
/// After a scoring run: an NES state or RFM type change enters the journeys whose from → to it matches (once per scoring
/// run), and ends runs that entered on the state the member has now left (exit rule "entry lapses").
/// </summary>
internal sealed class JourneysOnScoreChanges(JourneyTriggers triggers)
    : IIntegrationEventHandler<MemberNesStateChanged>, IIntegrationEventHandler<MemberRfmTypeChanged>
{
    public async Task HandleAsync(MemberNesStateChanged changed, Guid messageId, CancellationToken ct)
    {
        await triggers.LapseAsync(JourneyTriggerKind.NesChanged, changed.MemberId, t => t.To is not null && t.To == changed.From, $"nes:{changed.To}", ct);
        await triggers.EnterAsync(JourneyTriggerKind.NesChanged, changed.MemberId, $"nes:{changed.RunId}", t => Moves(t, changed.From, changed.To), ct);
    }

    public async Task HandleAsync(MemberRfmTypeChanged changed, Guid messageId, CancellationToken ct)
    {
        await triggers.LapseAsync(JourneyTriggerKind.RfmChanged, changed.MemberId, t => t.To is not null && t.To == changed.From, $"rfm:{changed.To}", ct);
        await triggers.EnterAsync(JourneyTriggerKind.RfmChanged, changed.MemberId, $"rfm:{changed.RunId}", t => Moves(t, changed.From, changed.To), ct);
    }

    private static bool Moves(JourneyTrigger trigger, string? from, string? to) =>
        (trigger.From is null || trigger.From == from) && (trigger.To is null || trigger.To == to);
}
