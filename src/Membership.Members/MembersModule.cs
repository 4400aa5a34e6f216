using System.Runtime.CompilerServices;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Members.Friends;
using Membership.Members.Persistence;
using Membership.Shared.Paging;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members;

internal sealed class MembersModule(IDbContextFactory<MembersDbContext> dbFactory, LineFriends friends) : IMembersModule
{
    private const int TimelineSummaryMaxLength = 500;

    public Task<MemberSummary> RecordLineFollowAsync(LineFollow follow, CancellationToken ct = default) =>
        friends.FollowAsync(follow, ct);

    public Task<MemberSummary?> RecordLineUnfollowAsync(LineFriendEvent unfollow, CancellationToken ct = default) =>
        friends.UnfollowAsync(unfollow, ct);

    public Task<MemberSummary?> RecordLineActivityAsync(LineActivity activity, CancellationToken ct = default) =>
        friends.RecordActivityAsync(activity, ct);

    public async Task<MemberSummary?> FindByLineUserIdAsync(string lineUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.LineUserId == lineUserId, ct);
        return member?.ToSummary();
    }

    public async Task<MemberSummary?> GetAsync(Guid memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, ct);
        return member?.ToSummary();
    }

    public async Task<PagedResult<MemberSummary>> ListAsync(MemberQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.Members.AsNoTracking();
        if (query.FriendStatus is { } status)
        {
            members = members.Where(m => m.FriendStatus == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{query.Search.Trim()}%";
            members = members.Where(m => EF.Functions.ILike(m.LineDisplayName!, pattern) || m.LineUserId == query.Search.Trim());
        }

        return await members
            .OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new MemberSummary(m.Id, m.MemberCode, m.Status, m.Name, m.Mobile, m.Email, m.Region, m.LineUserId,
                m.LineDisplayName, m.PictureUrl, m.Language, m.FriendStatus, m.FriendSince, m.RegisteredAt, m.CreatedAt))
            .ToPagedResultAsync(page, ct);
    }

    public async Task<PagedResult<TimelineEntry>> GetTimelineAsync(Guid memberId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Timeline.AsNoTracking()
            .Where(t => t.MemberId == memberId)
            .OrderByDescending(t => t.OccurredAt).ThenByDescending(t => t.Id)
            .Select(t => new TimelineEntry(t.Id, t.OccurredAt, t.Kind, t.Summary))
            .ToPagedResultAsync(page, ct);
    }

    public async Task<bool> RecordTimelineEntryAsync(MemberTimelineEntry entry, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.SourceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Kind);
        var summary = entry.Summary.Length > TimelineSummaryMaxLength ? entry.Summary[..TimelineSummaryMaxLength] : entry.Summary;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // One statement: an unknown member or a repeated source id inserts nothing, even when two callers race.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO members_timeline_entries (id, member_id, occurred_at, kind, summary, source_event_id)
            SELECT {Guid.CreateVersion7()}, m.id, {entry.OccurredAt}, {entry.Kind}, {summary}, {entry.SourceId}
            FROM members_members m WHERE m.id = {entry.MemberId}
            ON CONFLICT (source_event_id) DO NOTHING
            """, ct);
        return inserted == 1;
    }

    public async IAsyncEnumerable<MemberBirthday> StreamBirthdaysAsync(int month, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var birthdays = db.Members.AsNoTracking()
            .Where(m => m.Birthday != null && m.Birthday.Value.Month == month && m.ErasedAt == null)
            .OrderBy(m => m.Id)
            .Select(m => new MemberBirthday(m.Id, m.MemberCode, m.Name, m.Birthday!.Value, m.LineUserId, m.FriendStatus, m.Language))
            .AsAsyncEnumerable();
        await foreach (var birthday in birthdays.WithCancellation(ct))
        {
            yield return birthday;
        }
    }
}
