using System.Text.Json;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Conversations;
using Membership.Shared.Ids;

namespace Membership.Conversations.Inbox;

/// <summary>
/// The campaigns a member received, as messages of their thread: Broadcast keeps who got which campaign when, and its
/// messages; they are rendered for the member the way the campaign's sender does, so staff see what the customer got.
/// </summary>
internal sealed class CampaignsInThread(IBroadcastModule broadcast)
{
    private const int Limit = 20;

    /// <param name="since">The oldest message of the thread's window; null when the window holds the whole thread.</param>
    public async Task<IReadOnlyList<ConversationMessage>> ListAsync(Guid memberId, DateTimeOffset? since, CancellationToken ct)
    {
        var received = (await broadcast.ListMemberCampaignsAsync(memberId, Limit, ct)).Where(c => since is null || c.SentAt >= since).ToList();
        var messages = new List<ConversationMessage>(received.Count);
        foreach (var delivery in received)
        {
            if (await broadcast.GetCampaignAsync(delivery.CampaignId, ct) is not { Messages.Count: > 0 } campaign)
            {
                continue;
            }

            var rendered = (await broadcast.RenderForMemberAsync(campaign.Messages, memberId, ct)).Select(Contracts.Line.LineJson.ToElement).ToList();
            var first = rendered[0];
            messages.Add(new ConversationMessage(
                DeterministicGuid.From($"campaign:{campaign.Id}:{memberId}"), MessageDirection.Out, MessageAuthor.Campaign, campaign.Name,
                MessagePreview.TypeOf(first), MessagePreview.TextOf(first), rendered.Count == 1 ? first : JsonSerializer.SerializeToElement(rendered),
                SentBy.Push, false, delivery.SentAt));
        }

        return messages;
    }
}
