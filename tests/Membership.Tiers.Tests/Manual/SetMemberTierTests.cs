using Membership.Contracts.Audit;
using Membership.Contracts.Members;
using Membership.Contracts.Tiers;
using Membership.Shared.Time;
using Membership.Testing;

namespace Membership.Tiers.Tests.Manual;

public sealed class SetMemberTierTests(PostgresDatabaseFixture database) : TiersTestBase(database)
{
    [Fact]
    public async Task An_owner_grants_a_tier_with_a_reason_it_is_audited_raised_and_held_until_a_review_a_year_on()
    {
        var member = KnownMember();

        var result = await Tiers.SetMemberTierAsync(new SetMemberTierRequest(member, "gold", "開幕 VIP 招待"));
        var again = await Tiers.SetMemberTierAsync(new SetMemberTierRequest(member, "gold", "再按一次"));

        Assert.Equal((true, true, "gold"), (result.Succeeded, result.Changed, result.Tier!.TierCode));
        Assert.Equal((true, false), (again.Succeeded, again.Changed));
        var tier = await Tiers.GetMemberTierAsync(member);
        Assert.Equal(("gold", 1.5m, TaipeiTime.Today(Module.Clock).AddYears(1)), (tier.TierCode, tier.PointsMultiplier, tier.ReviewOn));
        var change = Assert.Single(await RaisedAsync(member));
        Assert.Equal(("regular", "gold", "manual"), (change.FromTierCode, change.ToTierCode, change.Reason));
        Assert.Equal("manual", Assert.Single(await Tiers.GetHistoryAsync(member)).Reason);
        var audited = (AuditRecord)Assert.Single(Module.Audit.CallsOf(nameof(IAuditTrail.RecordAsync)))[0]!;
        Assert.Equal(("member.tier-set", member.ToString(), "開幕 VIP 招待"), (audited.Action, audited.SubjectId, audited.Reason));
    }

    [Fact]
    public async Task Setting_the_entry_tier_by_hand_clears_the_review_date()
    {
        var member = KnownMember();
        await Tiers.SetMemberTierAsync(new SetMemberTierRequest(member, "silver", "補登"));

        var result = await Tiers.SetMemberTierAsync(new SetMemberTierRequest(member, "regular", "誤設更正"));

        Assert.True(result.Changed);
        var tier = await Tiers.GetMemberTierAsync(member);
        Assert.Equal(("regular", (DateOnly?)null), (tier.TierCode, tier.ReviewOn));
        Assert.Equal(2, (await RaisedAsync(member)).Count);
    }

    [Fact]
    public async Task An_unknown_tier_a_missing_reason_or_an_unknown_member_are_refused_and_change_nothing()
    {
        var member = KnownMember();

        var noTier = await Tiers.SetMemberTierAsync(new SetMemberTierRequest(member, "diamond", "原因"));
        var noReason = await Tiers.SetMemberTierAsync(new SetMemberTierRequest(member, "gold", "  "));
        var stranger = await Tiers.SetMemberTierAsync(new SetMemberTierRequest(Guid.NewGuid(), "gold", "原因"));

        Assert.Contains("diamond", noTier.Error);
        Assert.Contains("reason", noReason.Error);
        Assert.Contains("No member", stranger.Error);
        Assert.All([noTier, noReason, stranger], r => Assert.False(r.Succeeded));
        Assert.Equal("regular", (await Tiers.GetMemberTierAsync(member)).TierCode);
        Assert.Empty(await RaisedAsync(member));
        Assert.Empty(Module.Audit.CallsOf(nameof(IAuditTrail.RecordAsync)));
    }

    /// <summary>A member the (fake) Members module knows; every other id is unknown.</summary>
    private Guid KnownMember()
    {
        var id = Guid.NewGuid();
        Module.Members.Answer(nameof(IMembersModule.GetAsync), args => (Guid)args[0]! == id
            ? new MemberSummary(
                id, "M0000000001", MemberStatus.Registered, "測試會員", null, null, null, null, null, null, null, FriendStatus.Friend, null, null, DateTimeOffset.UnixEpoch)
            : null);
        return id;
    }
}
