using Membership.Contracts.Points;
using Membership.Shared.Time;
using Membership.Testing;

namespace Membership.Tiers.Tests.Qualifying;

public sealed class TierUpgradeTests(PostgresDatabaseFixture database) : TiersTestBase(database)
{
    [Fact]
    public async Task A_new_member_is_at_the_entry_tier()
    {
        var tier = await Tiers.GetMemberTierAsync(Guid.NewGuid());

        Assert.Equal(("regular", 0, 1m), (tier.TierCode, tier.Rank, tier.PointsMultiplier));
        Assert.Null(tier.ReviewOn);
    }

    [Fact]
    public async Task A_purchase_reaching_a_threshold_upgrades_at_once_and_raises_the_change()
    {
        var member = Guid.NewGuid();
        await PurchaseAsync(member, 6_000);
        Assert.Equal("regular", (await Tiers.GetMemberTierAsync(member)).TierCode);

        await PurchaseAsync(member, 4_000);

        var tier = await Tiers.GetMemberTierAsync(member);
        Assert.Equal(("silver", "銀卡", 1.2m), (tier.TierCode, tier.TierName, tier.PointsMultiplier));
        Assert.Equal(TaipeiTime.Today(Module.Clock).AddYears(1), tier.ReviewOn);
        var change = Assert.Single(await RaisedAsync(member));
        Assert.Equal(("regular", "silver", "upgrade", true), (change.FromTierCode, change.ToTierCode, change.Reason, change.IsUpgrade));
        Assert.Single(await Tiers.GetHistoryAsync(member));
    }

    [Fact]
    public async Task One_large_purchase_jumps_straight_to_the_tier_it_reaches()
    {
        var member = Guid.NewGuid();

        await PurchaseAsync(member, 85_000);

        Assert.Equal("black", (await Tiers.GetMemberTierAsync(member)).TierCode);
        Assert.Equal(("regular", "black"), (await RaisedAsync(member)).Select(c => (c.FromTierCode, c.ToTierCode)).Single());
    }

    [Fact]
    public async Task A_redelivered_purchase_is_counted_once()
    {
        var member = Guid.NewGuid();
        var purchase = await PurchaseAsync(member, 6_000);

        await DeliverAsync(purchase);
        await DeliverAsync(purchase);

        var status = await Tiers.GetMemberStatusAsync(member);
        Assert.Equal(6_000m, status.Qualifying);
        Assert.Equal("regular", status.Tier.TierCode);
        Assert.Equal(4_000m, status.RemainingToNext);
        Assert.Equal(60, status.ProgressPercent);
    }

    [Fact]
    public async Task Imported_history_counts_within_the_last_12_months_only()
    {
        var member = Guid.NewGuid();
        var now = Module.Clock.GetUtcNow();

        await PurchaseAsync(member, 50_000, at: now.AddMonths(-13), imported: true);
        await PurchaseAsync(member, 11_000, at: now.AddMonths(-2), imported: true);

        Assert.Equal(11_000m, (await Tiers.GetMemberStatusAsync(member)).Qualifying);
        Assert.Equal("silver", (await Tiers.GetMemberTierAsync(member)).TierCode);
    }

    [Fact]
    public async Task A_refund_lowers_the_total_but_never_the_tier()
    {
        var member = Guid.NewGuid();
        var purchase = await PurchaseAsync(member, 32_000);
        Assert.Equal("gold", (await Tiers.GetMemberTierAsync(member)).TierCode);

        var refund = new PurchaseRefunded(purchase.PurchaseId, Guid.NewGuid(), member, 32_000, 0, Module.Clock.GetUtcNow(), FullyRefunded: true);
        await DeliverAsync(refund);
        await DeliverAsync(refund);

        Assert.Equal(0m, (await Tiers.GetMemberStatusAsync(member)).Qualifying);
        Assert.Equal("gold", (await Tiers.GetMemberTierAsync(member)).TierCode);
        Assert.Single(await RaisedAsync(member));
    }
}
