using Membership.Contracts.Members;
using Membership.Contracts.Stamps;
using Membership.Testing;

namespace Membership.Stamps.Tests.Cards;

public sealed class StampCardTests(PostgresDatabaseFixture database) : StampsTestBase(database)
{
    [Fact]
    public async Task A_stamp_after_completion_starts_a_new_card()
    {
        var definition = await DefineAsync(total: 3, thresholds: [3]);
        var member = Guid.NewGuid();

        for (var i = 0; i < 4; i++)
        {
            await PurchaseAsync(member);
        }

        var cards = await Stamps.GetMemberCardsAsync(member);
        var open = cards.Single(c => c.Status == StampCardStatus.Active);
        var completed = cards.Single(c => c.Status == StampCardStatus.Completed);
        Assert.Equal((1, 3), (open.Stamps, completed.Stamps));
        Assert.NotEqual(open.CardId, completed.CardId);
        Assert.Equal(completed.CardId, Assert.Single(await Stamps.GetRewardsAsync(member)).CardId);
        Assert.Equal(definition.Id, open.DefinitionId);
    }

    [Fact]
    public async Task Stamps_beyond_completion_carry_over_to_the_next_card()
    {
        var definition = await DefineAsync(total: 5, thresholds: [5]);
        var member = Guid.NewGuid();

        var result = await Stamps.AddStampsAsync(new AddStampsRequest(member, definition.Id, 7, "開幕活動", "staff@test", Guid.NewGuid().ToString()));

        Assert.Equal(AddStampsOutcome.Added, result.Outcome);
        Assert.Equal((2, StampCardStatus.Active), (result.Card!.Stamps, result.Card.Status));
        Assert.Equal([5], result.RewardsEarned.Select(r => r.Threshold));
    }

    [Fact]
    public async Task A_card_past_its_validity_is_closed_and_the_next_stamp_starts_a_new_one()
    {
        var definition = await DefineAsync(total: 10, validityDays: 30);
        var member = Guid.NewGuid();
        await PurchaseAsync(member);
        await PurchaseAsync(member);
        var first = await OpenCardAsync(member, definition.Id);
        Assert.Equal(Module.Clock.GetUtcNow().AddDays(30), first.ExpiresAt);

        Module.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(StampCardStatus.Expired, (await OpenCardAsync(member, definition.Id)).Status);
        await PurchaseAsync(member);

        var cards = await Stamps.GetMemberCardsAsync(member);
        var current = cards.First(c => c.DefinitionId == definition.Id);
        Assert.Equal((1, StampCardStatus.Active), (current.Stamps, current.Status));
        Assert.NotEqual(first.CardId, current.CardId);
        Assert.Contains(cards, c => c.CardId == first.CardId && c.Status == StampCardStatus.Expired && c.Stamps == 2);
    }

    [Fact]
    public async Task Each_threshold_records_a_reward_once_and_it_is_handed_out_once()
    {
        var definition = await DefineAsync(total: 10, thresholds: [3, 6, 10]);
        var member = Guid.NewGuid();

        await Stamps.AddStampsAsync(new AddStampsRequest(member, definition.Id, 2, "補蓋", "staff@test", "k1"));
        var crossing = await Stamps.AddStampsAsync(new AddStampsRequest(member, definition.Id, 5, "補蓋", "staff@test", "k2"));

        Assert.Equal([3, 6], crossing.RewardsEarned.Select(r => r.Threshold));
        var rewards = await Stamps.GetRewardsAsync(member);
        Assert.Equal([3, 6], rewards.Select(r => r.Threshold).Order());
        Assert.True(await Stamps.HandOutRewardAsync(rewards[0].Id, "staff@test"));
        Assert.False(await Stamps.HandOutRewardAsync(rewards[0].Id, "staff@test"));
        Assert.Single(await Stamps.GetRewardsAsync(member), r => r.HandedOutAt is not null);
    }

    [Fact]
    public async Task Manual_stamps_are_added_once_per_submission_and_go_on_the_timeline()
    {
        var definition = await DefineAsync(total: 10);
        var member = Guid.NewGuid();
        var request = new AddStampsRequest(member, definition.Id, 2, "忘記蓋章", "staff@test", "submission-1");

        await Stamps.AddStampsAsync(request);
        var replay = await Stamps.AddStampsAsync(request);

        Assert.Equal(AddStampsOutcome.Replayed, replay.Outcome);
        Assert.Equal(2, (await OpenCardAsync(member, definition.Id)).Stamps);
        var entry = (MemberTimelineEntry)Assert.Single(Module.Members.CallsOf(nameof(IMembersModule.RecordTimelineEntryAsync)))[0]!;
        Assert.Equal((TimelineKinds.Stamp, "咖啡集點卡 +2（2/10）"), (entry.Kind, entry.Summary));
    }

    [Fact]
    public async Task Bad_manual_input_is_refused_and_changes_nothing()
    {
        var definition = await DefineAsync(total: 10);
        var member = Guid.NewGuid();

        var zero = await Stamps.AddStampsAsync(new AddStampsRequest(member, definition.Id, 0, "x", "staff@test", "a"));
        var noReason = await Stamps.AddStampsAsync(new AddStampsRequest(member, definition.Id, 1, " ", "staff@test", "b"));
        var unknown = await Stamps.AddStampsAsync(new AddStampsRequest(member, Guid.NewGuid(), 1, "x", "staff@test", "c"));

        Assert.Equal([AddStampsOutcome.Invalid, AddStampsOutcome.Invalid, AddStampsOutcome.DefinitionNotFound], [zero.Outcome, noReason.Outcome, unknown.Outcome]);
        Assert.Empty(await Stamps.GetHistoryAsync(member));
    }

    [Fact]
    public async Task Two_purchases_at_once_on_one_card_lose_no_stamp()
    {
        var definition = await DefineAsync(total: 100);
        var member = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => PurchaseAsync(member))));

        Assert.Equal(20, (await OpenCardAsync(member, definition.Id)).Stamps);
        Assert.Equal(20, (await Stamps.GetHistoryAsync(member)).Sum(e => e.Stamps));
    }
}
