using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Membership.Contracts.Common;
using Membership.Contracts.Members;

namespace Membership.Testing.Modules;

/// <summary>Members for module tests: known members, their birthdays, and the timeline entries other modules record.</summary>
public sealed class FakeMembersModule : IMembersModule
{
    private readonly ConcurrentDictionary<Guid, MemberSummary> _members = new();
    private readonly ConcurrentDictionary<Guid, DateOnly> _birthdays = new();

    public ConcurrentDictionary<string, MemberTimelineEntry> Timeline { get; } = new();

    public MemberSummary Add(string name = "測試會員", DateOnly? birthday = null, string? lineUserId = null, string? language = null)
    {
        var id = Guid.CreateVersion7();
        var member = new MemberSummary(
            id, $"9{Random.Shared.NextInt64(10_000_000_000, 99_999_999_999)}", MemberStatus.Registered, name, null, null, null,
            lineUserId, null, null, language, lineUserId is null ? FriendStatus.NeverFriend : FriendStatus.Friend,
            null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        _members[id] = member;
        if (birthday is { } day)
        {
            _birthdays[id] = day;
        }

        return member;
    }

    public Task<MemberSummary?> GetAsync(Guid memberId, CancellationToken ct = default) =>
        Task.FromResult(_members.GetValueOrDefault(memberId));

    public Task<bool> RecordTimelineEntryAsync(MemberTimelineEntry entry, CancellationToken ct = default) =>
        Task.FromResult(_members.ContainsKey(entry.MemberId) && Timeline.TryAdd(entry.SourceId, entry));

    public async IAsyncEnumerable<MemberBirthday> StreamBirthdaysAsync(int month, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var (id, birthday) in _birthdays.Where(b => b.Value.Month == month).OrderBy(b => b.Key))
        {
            await Task.Yield();
            var member = _members[id];
            yield return new MemberBirthday(id, member.MemberCode, member.Name, birthday, member.LineUserId, member.FriendStatus, member.Language);
        }
    }

    public Task<MemberSummary?> FindByLineUserIdAsync(string lineUserId, CancellationToken ct = default) =>
        Task.FromResult(_members.Values.FirstOrDefault(m => m.LineUserId == lineUserId));

    public Task<MemberSummary> RecordLineFollowAsync(LineFollow follow, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<MemberSummary?> RecordLineUnfollowAsync(LineFriendEvent unfollow, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<MemberSummary?> RecordLineActivityAsync(LineActivity activity, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PagedResult<MemberSummary>> ListAsync(MemberQuery query, PageRequest page, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PagedResult<TimelineEntry>> GetTimelineAsync(Guid memberId, PageRequest page, CancellationToken ct = default) => throw new NotSupportedException();
}
