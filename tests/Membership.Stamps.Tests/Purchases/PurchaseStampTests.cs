using Membership.Contracts.Stamps;
using Membership.Testing;

namespace Membership.Stamps.Tests.Purchases;

public sealed class PurchaseStampTests(PostgresDatabaseFixture database) : StampsTestBase(database)
{
    [Fact]
    public async Task Per_amount_cards_stamp_one_per_NT_amount_capped_per_purchase()
    {
        var definition = await DefineAsync(total: 20, earning: StampEarning.PerAmount, perAmount: 100, cap: 5);
        var member = Guid.NewGuid();

        await PurchaseAsync(member, 350);
        Assert.Equal(3, (await OpenCardAsync(member, definition.Id)).Stamps);
        await PurchaseAsync(member, 2_000);
        Assert.Equal(8, (await OpenCardAsync(member, definition.Id)).Stamps);
        await PurchaseAsync(member, 99);
        Assert.Equal(8, (await OpenCardAsync(member, definition.Id)).Stamps);
    }

    [Fact]
    public async Task A_redelivered_purchase_stamps_once_and_imported_history_not_at_all()
    {
        var definition = await DefineAsync(total: 10);
        var member = Guid.NewGuid();

        var purchase = await PurchaseAsync(member);
        await DeliverAsync(purchase);
        await PurchaseAsync(member, imported: true);

        Assert.Equal(1, (await OpenCardAsync(member, definition.Id)).Stamps);
    }

    [Fact]
    public async Task Inactive_cards_get_no_stamps()
    {
        var definition = await DefineAsync(total: 10);
        await Stamps.SaveDefinitionAsync(definition with { Active = false }, "owner@test");
        var member = Guid.NewGuid();

        await PurchaseAsync(member);

        Assert.DoesNotContain(await Stamps.GetMemberCardsAsync(member), c => c.DefinitionId == definition.Id);
    }

    [Fact]
    public async Task A_full_refund_takes_the_purchase_stamps_back_and_withdraws_rewards_not_handed_out()
    {
        var definition = await DefineAsync(total: 10, earning: StampEarning.PerAmount, perAmount: 100, thresholds: [3]);
        var member = Guid.NewGuid();
        await PurchaseAsync(member, 100);
        var refunded = await PurchaseAsync(member, 300);
        Assert.Single(await Stamps.GetRewardsAsync(member));

        await RefundAsync(refunded, 300, fully: true);

        Assert.Equal(1, (await OpenCardAsync(member, definition.Id)).Stamps);
        Assert.Empty(await Stamps.GetRewardsAsync(member));
        Assert.Contains(await Stamps.GetHistoryAsync(member), e => e.Source == "refund" && e.Stamps == -3);
    }

    [Fact]
    public async Task A_partial_refund_keeps_the_stamps_the_amount_left_over_earns()
    {
        var definition = await DefineAsync(total: 20, earning: StampEarning.PerAmount, perAmount: 100);
        var member = Guid.NewGuid();
        var purchase = await PurchaseAsync(member, 550);

        await RefundAsync(purchase, 200, fully: false);
        Assert.Equal(3, (await OpenCardAsync(member, definition.Id)).Stamps);
        await RefundAsync(purchase, 150, fully: false);

        Assert.Equal(2, (await OpenCardAsync(member, definition.Id)).Stamps);
    }

    [Fact]
    public async Task A_refund_leaves_completed_cards_alone()
    {
        var definition = await DefineAsync(total: 2);
        var member = Guid.NewGuid();
        await PurchaseAsync(member);
        var completing = await PurchaseAsync(member);

        await RefundAsync(completing, completing.Total, fully: true);

        var cards = await Stamps.GetMemberCardsAsync(member);
        Assert.Contains(cards, c => c.Status == StampCardStatus.Completed && c.Stamps == 2);
        Assert.Equal(StampCardStatus.NotStarted, cards.First(c => c.DefinitionId == definition.Id).Status);
    }
}
