using Membership.Contracts.Members;
using Membership.Contracts.Stamps;

namespace Membership.Stamps.Cards;

/// <summary>Timeline entries for stamps, idempotent by source: recorded after the commit, again on a redelivery.</summary>
internal sealed class StampTimeline(IMembersModule members)
{
    public async Task RecordAsync(Guid memberId, DateTimeOffset occurredAt, string sourceKey, IEnumerable<(string CardName, int Stamps, StampCard? Card, IReadOnlyList<StampReward> Earned)> changes, CancellationToken ct)
    {
        var parts = changes.Where(c => c.Stamps != 0).Select(Describe).ToList();
        if (parts.Count > 0)
        {
            await members.RecordTimelineEntryAsync(
                new MemberTimelineEntry(memberId, occurredAt, TimelineKinds.Stamp, string.Join("；", parts), $"stamps:{sourceKey}"), ct);
        }
    }

    private static string Describe((string CardName, int Stamps, StampCard? Card, IReadOnlyList<StampReward> Earned) change)
    {
        var text = $"{change.CardName} {change.Stamps:+#;-#}";
        if (change.Card is { Status: StampCardStatus.Active } card)
        {
            text += $"（{card.Stamps}/{card.TotalStamps}）";
        }

        return change.Earned.Count == 0 ? text : $"{text} 達成：{string.Join("、", change.Earned.Select(r => r.Description))}";
    }
}
