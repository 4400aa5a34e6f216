using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;
using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Members.Friends;

/// <summary>
/// Members as LINE friends. Every change is keyed by the LINE event that caused it, so a redelivered or
/// retried event changes nothing the second time; a late, older event does not undo a newer state.
/// </summary>
internal sealed class LineFriends(IDbContextFactory<MembersDbContext> dbFactory, TimeProvider clock)
{
    public async Task<MemberSummary> FollowAsync(LineFollow follow, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await FollowOnceAsync(follow, ct);
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex) && attempt < 3)
            {
                // Two deliveries of a first follow raced: the other one created the member; go again.
            }
        }
    }

    public async Task<MemberSummary?> UnfollowAsync(LineFriendEvent unfollow, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.FirstOrDefaultAsync(m => m.LineUserId == unfollow.LineUserId, ct);
        if (member is null || await AlreadyRecordedAsync(db, unfollow.SourceEventId, ct))
        {
            return member?.ToSummary();
        }

        if (IsNewest(member, unfollow.OccurredAt))
        {
            member.FriendStatus = FriendStatus.Blocked;
            member.FriendStatusChangedAt = unfollow.OccurredAt;
        }

        db.Timeline.Add(Entry(member.Id, unfollow, TimelineKinds.FriendBlocked, member.LineDisplayName ?? ""));
        db.Outbox.Add(OutboxMessage.For(new MemberBlocked(member.Id, unfollow.LineUserId, unfollow.SourceEventId, unfollow.OccurredAt), unfollow.OccurredAt));
        await db.SaveChangesAsync(ct);
        return member.ToSummary();
    }

    /// <summary>On the timeline, and a text message or postback raised as an event (tag rules), once per LINE event.</summary>
    public async Task<MemberSummary?> RecordActivityAsync(LineActivity activity, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.FirstOrDefaultAsync(m => m.LineUserId == activity.LineUserId, ct);
        if (member is null || await AlreadyRecordedAsync(db, activity.SourceEventId, ct))
        {
            return member?.ToSummary();
        }

        var summary = activity.Summary.Length > 500 ? activity.Summary[..500] : activity.Summary;
        db.Timeline.Add(Entry(member.Id, activity, activity.Kind, summary));
        if (activity.Text is { } text)
        {
            db.Outbox.Add(OutboxMessage.For(
                new MemberMessageReceived(member.Id, activity.LineUserId, text, activity.SourceEventId, activity.OccurredAt), activity.OccurredAt));
        }

        if (activity.PostbackData is { } data)
        {
            db.Outbox.Add(OutboxMessage.For(
                new MemberPostbackReceived(member.Id, activity.LineUserId, data, activity.SourceEventId, activity.OccurredAt), activity.OccurredAt));
        }

        await db.SaveChangesAsync(ct);
        return member.ToSummary();
    }

    private async Task<MemberSummary> FollowOnceAsync(LineFollow follow, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.FirstOrDefaultAsync(m => m.LineUserId == follow.LineUserId, ct);
        if (member is not null && await AlreadyRecordedAsync(db, follow.SourceEventId, ct))
        {
            return member.ToSummary();
        }

        var returning = member is not null || follow.IsUnblocked;
        if (member is null)
        {
            member = new Member
            {
                Id = Guid.CreateVersion7(),
                MemberCode = MemberCodes.New(),
                Status = MemberStatus.Friend,
                LineUserId = follow.LineUserId,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Members.Add(member);
        }

        member.LineDisplayName = follow.DisplayName ?? member.LineDisplayName;
        member.PictureUrl = follow.PictureUrl ?? member.PictureUrl;
        member.Language = follow.Language ?? member.Language;
        member.FriendSince ??= follow.OccurredAt;
        if (IsNewest(member, follow.OccurredAt))
        {
            member.FriendStatus = FriendStatus.Friend;
            member.FriendStatusChangedAt = follow.OccurredAt;
        }

        db.Timeline.Add(Entry(member.Id, follow, returning ? TimelineKinds.FriendReturned : TimelineKinds.FriendAdded, member.LineDisplayName ?? ""));
        db.Outbox.Add(OutboxMessage.For(new MemberFollowed(member.Id, follow.LineUserId, returning, follow.SourceEventId, follow.OccurredAt), follow.OccurredAt));
        await db.SaveChangesAsync(ct);
        return member.ToSummary();
    }

    private static bool IsNewest(Member member, DateTimeOffset occurredAt) =>
        member.FriendStatusChangedAt is null || occurredAt >= member.FriendStatusChangedAt;

    private static Task<bool> AlreadyRecordedAsync(MembersDbContext db, string sourceEventId, CancellationToken ct) =>
        db.Timeline.AnyAsync(t => t.SourceEventId == sourceEventId, ct);

    private static TimelineRecord Entry(Guid memberId, LineFriendEvent source, string kind, string summary) => new()
    {
        Id = Guid.CreateVersion7(),
        MemberId = memberId,
        OccurredAt = source.OccurredAt,
        Kind = kind,
        Summary = summary,
        SourceEventId = source.SourceEventId,
    };

    private static TimelineRecord Entry(Guid memberId, LineActivity source, string kind, string summary) =>
        Entry(memberId, new LineFriendEvent(source.LineUserId, source.OccurredAt, source.SourceEventId), kind, summary);

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
