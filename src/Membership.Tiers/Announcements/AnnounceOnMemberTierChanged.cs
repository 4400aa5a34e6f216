using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Contracts.Tiers;
using Membership.Tiers.Definitions;

namespace Membership.Tiers.Announcements;

/// <summary>
/// After a tier change has committed (from the Tiers outbox): the member's timeline entry, and on an upgrade a LINE
/// push to members who are friends. Both are keyed by the outbox message, so a redelivery repeats nothing.
/// </summary>
internal sealed class AnnounceOnMemberTierChanged(IMembersModule members, ILineMessagingClient line, TierProgramStore programs)
    : IIntegrationEventHandler<MemberTierChanged>
{
    public async Task HandleAsync(MemberTierChanged integrationEvent, Guid messageId, CancellationToken ct)
    {
        var program = await programs.GetAsync(ct);
        var from = program.Tiers.FirstOrDefault(t => t.Code == integrationEvent.FromTierCode);
        var to = program.Tiers.FirstOrDefault(t => t.Code == integrationEvent.ToTierCode);
        var summary = $"{from?.NameZh ?? integrationEvent.FromTierCode} → {to?.NameZh ?? integrationEvent.ToTierCode}";
        await members.RecordTimelineEntryAsync(
            new MemberTimelineEntry(integrationEvent.MemberId, integrationEvent.ChangedAt, TimelineKinds.TierChanged, summary, $"tiers:{messageId}"), ct);

        if (!integrationEvent.IsUpgrade || to is null)
        {
            return;
        }

        var member = await members.GetAsync(integrationEvent.MemberId, ct);
        if (member is not { FriendStatus: FriendStatus.Friend, LineUserId: { } lineUserId })
        {
            return;
        }

        var text = UpgradeText(to, CustomerLanguage.IsEnglish(member.Language));
        await line.PushAsync(new PushMessageRequest(lineUserId, [new TextMessage(text)]), messageId, ct);
    }

    internal static string UpgradeText(TierDefinition tier, bool english)
    {
        var multiplier = tier.PointsMultiplier.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        return english
            ? $"Congratulations! You are now a {tier.Name(true)} member. 🎉\nYou earn {multiplier}× points on purchases." +
              (tier.Benefits is { Length: > 0 } benefits ? $"\n{benefits}" : "")
            : $"恭喜您升等為「{tier.NameZh}」會員！🎉\n消費可享 {multiplier} 倍點數。" +
              (tier.Benefits is { Length: > 0 } perks ? $"\n{perks}" : "");
    }
}
