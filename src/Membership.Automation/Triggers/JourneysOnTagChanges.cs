using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Tags;

namespace Membership.Automation.Triggers;

/// <summary>A tag added enters journeys on that tag; its removal ends their runs when the exit rule says so.</summary>
internal sealed class JourneysOnTagChanges(JourneyTriggers triggers) : IIntegrationEventHandler<MemberTagged>, IIntegrationEventHandler<MemberUntagged>
{
    public Task HandleAsync(MemberTagged tagged, Guid messageId, CancellationToken ct) =>
        triggers.EnterAsync(JourneyTriggerKind.TagAdded, tagged.MemberId, $"tag:{tagged.TagId:N}:{tagged.At.ToUnixTimeMilliseconds()}", t => t.TagId == tagged.TagId, ct);

    public Task HandleAsync(MemberUntagged untagged, Guid messageId, CancellationToken ct) =>
        triggers.LapseAsync(JourneyTriggerKind.TagAdded, untagged.MemberId, t => t.TagId == untagged.TagId, $"untagged:{untagged.TagName}", ct);
}
