using System.Text.Json;
using Membership.Line.Persistence;

namespace Membership.Line.Events;

/// <summary>Routes a stored event to the code that owns its type; unknown types are kept and ignored.</summary>
internal sealed class InboxDispatcher(FollowHandler follow, UnfollowHandler unfollow, ChatActivityHandler chat)
{
    /// <returns>False when nobody handles this event type.</returns>
    public async Task<bool> DispatchAsync(InboxEvent item, LineDbContext db, CancellationToken ct)
    {
        using var payload = JsonDocument.Parse(item.Payload);
        var root = payload.RootElement;
        if (item.LineUserId is null)
        {
            return false; // group/room events without a user, or a failed account link: nothing of ours yet
        }

        switch (item.EventType)
        {
            case "follow":
                await follow.HandleAsync(item, root, db, ct);
                return true;
            case "unfollow":
                await unfollow.HandleAsync(item, ct);
                return true;
            case "message":
            case "postback":
                await chat.HandleAsync(item, root, ct);
                return true;
            default:
                return false;
        }
    }
}
