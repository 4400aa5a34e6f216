using Membership.Automation.Journeys;
using Membership.Contracts.Automation;

namespace Membership.Automation.Triggers;

/// <summary>Enters a member into every active journey of a trigger kind whose trigger matches the occurrence.</summary>
internal sealed class JourneyTriggers(JourneyStore journeys, JourneyEntry entry)
{
    public async Task<int> EnterAsync(JourneyTriggerKind kind, Guid memberId, string entryKey, Func<JourneyTrigger, bool>? matches, CancellationToken ct)
    {
        var entered = 0;
        foreach (var journey in await journeys.ActiveAsync(kind, ct))
        {
            if (matches?.Invoke(journey.Trigger) ?? true)
            {
                entered += await entry.EnterAsync(journey, memberId, entryKey, ct);
            }
        }

        return entered;
    }

    /// <summary>Ends the member's runs of active journeys of <paramref name="kind"/> whose entry no longer holds (exit rule "entry lapses").</summary>
    public async Task LapseAsync(JourneyTriggerKind kind, Guid memberId, Func<JourneyTrigger, bool> lapsed, string reason, CancellationToken ct)
    {
        foreach (var journey in await journeys.ActiveAsync(kind, ct))
        {
            if (journey.Exit.WhenEntryLapses && lapsed(journey.Trigger))
            {
                await entry.ExitAsync(memberId, "whenEntryLapses", reason, journey.Id, ct);
            }
        }
    }
}
