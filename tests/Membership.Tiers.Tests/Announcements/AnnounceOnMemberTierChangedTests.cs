using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Contracts.Tiers;
using Membership.Testing;

namespace Membership.Tiers.Tests.Announcements;

public sealed class AnnounceOnMemberTierChangedTests(PostgresDatabaseFixture database) : TiersTestBase(database)
{
    [Fact]
    public async Task An_upgrade_goes_on_the_timeline_and_is_pushed_in_the_members_language_once_per_message()
    {
        var member = Member(FriendStatus.Friend, "en-US");
        var messageId = Guid.NewGuid();
        var upgrade = new MemberTierChanged(member.Id, "regular", "gold", 0, 2, "upgrade", Module.Clock.GetUtcNow());

        await Handler.HandleAsync(upgrade, messageId, CancellationToken.None);

        var entry = (MemberTimelineEntry)Module.Members.CallsOf(nameof(IMembersModule.RecordTimelineEntryAsync)).Single()[0]!;
        Assert.Equal((TimelineKinds.TierChanged, "一般 → 金卡", $"tiers:{messageId}"), (entry.Kind, entry.Summary, entry.SourceId));
        var push = Module.Line.CallsOf(nameof(ILineMessagingClient.PushAsync)).Single();
        var text = Assert.IsType<TextMessage>(((PushMessageRequest)push[0]!).Messages.Single()).Text;
        Assert.Contains("Gold member", text, StringComparison.Ordinal);
        Assert.Contains("1.5×", text, StringComparison.Ordinal);
        Assert.Equal(messageId, push[1]); // LINE's retry key: a redelivery is not pushed twice
    }

    [Fact]
    public async Task A_downgrade_and_a_member_who_is_no_friend_get_no_push()
    {
        var blocked = Member(FriendStatus.Blocked, "zh-TW");
        await Handler.HandleAsync(new MemberTierChanged(blocked.Id, "regular", "silver", 0, 1, "upgrade", Module.Clock.GetUtcNow()), Guid.NewGuid(), default);
        await Handler.HandleAsync(new MemberTierChanged(blocked.Id, "gold", "silver", 2, 1, "review", Module.Clock.GetUtcNow()), Guid.NewGuid(), default);

        Assert.Equal(2, Module.Members.CallsOf(nameof(IMembersModule.RecordTimelineEntryAsync)).Count());
        Assert.Empty(Module.Line.CallsOf(nameof(ILineMessagingClient.PushAsync)));
    }

    private IIntegrationEventHandler<MemberTierChanged> Handler => Module.Scoped<IIntegrationEventHandler<MemberTierChanged>>();

    private MemberSummary Member(FriendStatus status, string language)
    {
        var member = new MemberSummary(Guid.NewGuid(), "M0000001", MemberStatus.Registered, "王小明", null, null, null,
            "U" + Guid.NewGuid().ToString("N"), "小明", null, language, status, null, null, DateTimeOffset.UnixEpoch);
        Module.Members.Answer(nameof(IMembersModule.GetAsync), _ => member);
        return member;
    }
}
