using Membership.Automation.Journeys;
using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Members;

namespace Membership.Automation.Triggers;

/// <summary>New friend and registration enter journeys; a block ends the member's runs (exit rule "on block").</summary>
internal sealed class JourneysOnMemberEvents(JourneyTriggers triggers, JourneyEntry entry)
    : IIntegrationEventHandler<MemberFollowed>, IIntegrationEventHandler<MemberRegistered>, IIntegrationEventHandler<MemberBlocked>
{
    public Task HandleAsync(MemberFollowed followed, Guid messageId, CancellationToken ct) => followed.Returning
        ? Task.CompletedTask
        : triggers.EnterAsync(JourneyTriggerKind.Followed, followed.MemberId, $"follow:{followed.SourceEventId}", null, ct);

    public Task HandleAsync(MemberRegistered registered, Guid messageId, CancellationToken ct) =>
        triggers.EnterAsync(JourneyTriggerKind.Registered, registered.MemberId, "registered", null, ct);

    public Task HandleAsync(MemberBlocked blocked, Guid messageId, CancellationToken ct) =>
        entry.ExitAsync(blocked.MemberId, "onBlock", "blocked", null, ct);
}
