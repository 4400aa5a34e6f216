using System.Text.Json;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Line.Greeting;
using Membership.Line.Persistence;

namespace Membership.Line.Events;

/// <summary>A new friend (or an unblock): the member is created or reactivated with the LINE profile, then greeted once.</summary>
internal sealed class FollowHandler(ILineMessagingClient line, IMembersModule members, Greeter greeter, TimeProvider clock)
{
    public async Task HandleAsync(InboxEvent item, JsonElement payload, LineDbContext db, CancellationToken ct)
    {
        var userId = item.LineUserId!;
        var profile = await line.GetProfileAsync(userId, ct);
        var isUnblocked = payload.TryGetProperty("follow", out var follow)
            && follow.TryGetProperty("isUnblocked", out var unblocked) && unblocked.ValueKind == JsonValueKind.True;
        await members.RecordLineFollowAsync(
            new LineFollow(userId, item.OccurredAt, item.WebhookEventId, isUnblocked, profile?.DisplayName, profile?.PictureUrl, profile?.Language),
            ct);

        if (item.GreetingSentAt is null)
        {
            var replyToken = payload.TryGetProperty("replyToken", out var token) ? token.GetString() : null;
            await greeter.GreetAsync(item, replyToken, profile?.Language, ct);
            item.GreetingSentAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct); // in the claim's transaction: a later failure of this event never greets twice
        }
    }
}

internal sealed class UnfollowHandler(IMembersModule members)
{
    public Task HandleAsync(InboxEvent item, CancellationToken ct) =>
        members.RecordLineUnfollowAsync(new LineFriendEvent(item.LineUserId!, item.OccurredAt, item.WebhookEventId), ct);
}
