using System.Collections.Concurrent;
using Membership.Contracts.Common;
using Membership.Contracts.Members;

namespace Membership.Points.Tests.Infrastructure;

/// <summary>The Members module as the Points module sees it: members in memory, timeline entries recorded.</summary>
internal sealed class FakeMembers : IMembersModule, IMemberIntegration
{
    private readonly ConcurrentDictionary<Guid, MemberSummary> _members = new();

    public ConcurrentDictionary<string, MemberTimelineEntry> Timeline { get; } = new();

    public MemberSummary Add(string? lineUserId = null, string? language = null, FriendStatus friend = FriendStatus.NeverFriend)
    {
        var id = Guid.CreateVersion7();
        var code = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var member = new MemberSummary(
            id, code, MemberStatus.Registered, "測試會員", "0912345678", null, null, lineUserId, null, null, language, friend, null, null, DateTimeOffset.UnixEpoch);
        _members[id] = member;
        return member;
    }

    public void Set(MemberSummary member) => _members[member.Id] = member;

    public Task<MemberSummary?> GetAsync(Guid memberId, CancellationToken ct = default) => Task.FromResult(_members.GetValueOrDefault(memberId));

    public Task<MemberSummary?> FindByLineUserIdAsync(string lineUserId, CancellationToken ct = default) =>
        Task.FromResult(_members.Values.FirstOrDefault(m => m.LineUserId == lineUserId));

    public Task<bool> RecordTimelineEntryAsync(MemberTimelineEntry entry, CancellationToken ct = default) =>
        Task.FromResult(_members.ContainsKey(entry.MemberId) && Timeline.TryAdd(entry.SourceId, entry));

    public Task<IntegrationMember?> FindByCodeAsync(string memberCode, CancellationToken ct = default) =>
        Task.FromResult(ToIntegration(_members.Values.FirstOrDefault(m => m.MemberCode == memberCode)));

    public Task<IntegrationMember?> FindByMobileAsync(string mobile, CancellationToken ct = default) =>
        Task.FromResult(ToIntegration(_members.Values.FirstOrDefault(m => m.Mobile == mobile)));

    Task<IntegrationMember?> IMemberIntegration.FindByLineUserIdAsync(string lineUserId, CancellationToken ct) =>
        Task.FromResult(ToIntegration(_members.Values.FirstOrDefault(m => m.LineUserId == lineUserId)));

    private static IntegrationMember? ToIntegration(MemberSummary? m) => m is null
        ? null
        : new IntegrationMember(m.Id, m.MemberCode, m.Status, m.Name, m.Mobile, m.Email, null, Gender.Unspecified, m.Region, null, m.LineUserId, m.FriendStatus,
            m.RegisteredAt, m.CreatedAt);

    public Task<OfflineRegistrationResult> RegisterOfflineAsync(OfflineRegistrationRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<MemberSummary> RecordLineFollowAsync(LineFollow follow, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<MemberSummary?> RecordLineUnfollowAsync(LineFriendEvent unfollow, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<MemberSummary?> RecordLineActivityAsync(LineActivity activity, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PagedResult<MemberSummary>> ListAsync(MemberQuery query, PageRequest page, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PagedResult<TimelineEntry>> GetTimelineAsync(Guid memberId, PageRequest page, CancellationToken ct = default) => throw new NotSupportedException();

    public IAsyncEnumerable<MemberBirthday> StreamBirthdaysAsync(int month, CancellationToken ct = default) => throw new NotSupportedException();
}
