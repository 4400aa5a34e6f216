using Membership.Contracts.Members;
using Membership.Contracts.Rewards;
using Membership.Rewards.Redemption;
using Membership.Shared.Codes;

namespace Membership.Rewards.Tests;

/// <summary>Redeeming rewards on a real PostgreSQL with an in-memory Points module: stock, points and codes never half-done.</summary>
public sealed class RewardRedemptionTests(RewardsDatabase db) : IClassFixture<RewardsDatabase>
{
    [Fact]
    public async Task A_counter_redemption_spends_the_points_takes_one_from_stock_and_a_retry_changes_nothing_more()
    {
        var member = MemberWith(points: 250);
        var reward = await db.AddRewardAsync(cost: 100, stock: 3);
        var request = new RedeemRewardRequest(member.Id, reward.Id, "counter-1", "staff@test");

        var first = await db.Rewards.RedeemAtCounterAsync(request);
        var retry = await db.Rewards.RedeemAtCounterAsync(request);

        Assert.Equal(RewardRedemptionOutcome.Completed, first.Outcome);
        Assert.Equal(RewardRedemptionOutcome.Replayed, retry.Outcome);
        Assert.Equal(first.Redemption!.Id, retry.Redemption!.Id);
        Assert.Equal(150, db.Points.BalanceOf(member.Id));
        var after = (await db.Rewards.GetRewardAsync(reward.Id))!;
        Assert.Equal(2, after.Stock);
        Assert.Equal(1, after.RedeemedCount);
        Assert.Contains($"rewards:redemption:{first.Redemption.Id}", db.Members.Timeline.Keys);
    }

    [Fact]
    public async Task Short_of_points_is_refused_and_leaves_stock_and_balance_unchanged()
    {
        var member = MemberWith(points: 99);
        var reward = await db.AddRewardAsync(cost: 100, stock: 2);

        var result = await db.Rewards.RedeemAtCounterAsync(new RedeemRewardRequest(member.Id, reward.Id, "short-1"));

        Assert.Equal(RewardRedemptionOutcome.InsufficientPoints, result.Outcome);
        Assert.Equal(99, result.Balance);
        Assert.Equal(99, db.Points.BalanceOf(member.Id));
        Assert.Equal(2, (await db.Rewards.GetRewardAsync(reward.Id))!.Stock);
    }

    [Fact]
    public async Task Points_refused_after_the_stock_was_reserved_give_the_stock_back()
    {
        var member = MemberWith(points: 500);
        var reward = await db.AddRewardAsync(cost: 100, stock: 1);
        db.Points.RefuseNext = 1; // spent elsewhere between the balance check and the debit

        var result = await db.Rewards.RedeemAtCounterAsync(new RedeemRewardRequest(member.Id, reward.Id, "race-1"));

        Assert.Equal(RewardRedemptionOutcome.InsufficientPoints, result.Outcome);
        Assert.Equal(RewardRedemptionStatus.Refused, result.Redemption!.Status);
        Assert.Equal(500, db.Points.BalanceOf(member.Id));
        Assert.Equal(1, (await db.Rewards.GetRewardAsync(reward.Id))!.Stock);
    }

    [Fact]
    public async Task A_pending_redemption_holds_points_and_stock_until_staff_confirm_its_code()
    {
        var member = MemberWith(points: 300);
        var reward = await db.AddRewardAsync(cost: 120, stock: 4);

        var pending = await db.Rewards.RequestPendingAsync(new RedeemRewardRequest(member.Id, reward.Id, "line-1"));
        var code = pending.Redemption!.Code!;

        Assert.Equal(RewardRedemptionOutcome.Pending, pending.Outcome);
        Assert.Equal(6, code.Length);
        Assert.All(code, c => Assert.Contains(c, OneTimeCodes.Alphabet));
        Assert.Equal(180, db.Points.BalanceOf(member.Id));
        Assert.Equal(3, (await db.Rewards.GetRewardAsync(reward.Id))!.Stock);

        var confirmed = await db.Rewards.ConfirmPendingAsync(code.ToLowerInvariant().Insert(3, "-"), "staff@test");
        var again = await db.Rewards.ConfirmPendingAsync(code, "staff@test");

        Assert.Equal(RewardRedemptionOutcome.Completed, confirmed.Outcome);
        Assert.Equal("staff@test", confirmed.Redemption!.CompletedBy);
        Assert.Equal(RewardRedemptionOutcome.AlreadyConfirmed, again.Outcome);
        Assert.Equal(180, db.Points.BalanceOf(member.Id));
        Assert.Equal(RewardRedemptionOutcome.UnknownCode, (await db.Rewards.ConfirmPendingAsync("ZZZZZZ", "staff@test")).Outcome);
    }

    [Fact]
    public async Task An_unconfirmed_redemption_rolls_back_after_the_window_once_however_often_the_job_runs()
    {
        var member = MemberWith(points: 300);
        var reward = await db.AddRewardAsync(cost: 100, stock: 2);
        var pending = await db.Rewards.RequestPendingAsync(new RedeemRewardRequest(member.Id, reward.Id, "line-expire"));
        var job = db.Get<ExpirePendingRedemptionsJob>();

        db.Clock.Advance(TimeSpan.FromMinutes(29));
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(200, db.Points.BalanceOf(member.Id)); // still within the 30 minutes

        db.Clock.Advance(TimeSpan.FromMinutes(2));
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);

        Assert.Equal(300, db.Points.BalanceOf(member.Id));
        Assert.Equal(2, (await db.Rewards.GetRewardAsync(reward.Id))!.Stock);
        Assert.Single(db.Points.ReversedKeys, pending.Redemption!.Id.ToString());
        var late = await db.Rewards.ConfirmPendingAsync(pending.Redemption.Code!, "staff@test");
        Assert.Equal(RewardRedemptionOutcome.CodeExpired, late.Outcome);
        Assert.Equal(RewardRedemptionStatus.Expired, late.Redemption!.Status);
    }

    [Fact]
    public async Task Stock_never_goes_below_zero_when_many_redeem_the_last_units_at_once()
    {
        var reward = await db.AddRewardAsync(cost: 10, stock: 5);
        var members = Enumerable.Range(0, 30).Select(_ => MemberWith(points: 100)).ToList();

        var results = await Task.WhenAll(members.Select(m =>
            Task.Run(() => db.Rewards.RedeemAtCounterAsync(new RedeemRewardRequest(m.Id, reward.Id, $"rush-{m.Id}")))));

        Assert.Equal(5, results.Count(r => r.Outcome == RewardRedemptionOutcome.Completed));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(RewardRedemptionOutcome.OutOfStock, r.Outcome));
        var after = (await db.Rewards.GetRewardAsync(reward.Id))!;
        Assert.Equal(0, after.Stock);
        Assert.Equal(5, after.RedeemedCount);
        Assert.Equal(25 * 100 + 5 * 90, members.Sum(m => db.Points.BalanceOf(m.Id)));
    }

    [Fact]
    public async Task An_exclusive_reward_is_refused_below_its_tier_and_hidden_from_the_members_offers()
    {
        var member = MemberWith(points: 1000);
        var exclusive = await db.AddRewardAsync(cost: 100, stock: null, minTierRank: 2, name: "金卡專屬");
        var affordable = await db.AddRewardAsync(cost: 900, stock: null, name: "保溫杯");
        var tooDear = await db.AddRewardAsync(cost: 1001, stock: null, name: "咖啡機");

        var result = await db.Rewards.RedeemAtCounterAsync(new RedeemRewardRequest(member.Id, exclusive.Id, "tier-1"));
        var offers = await db.Rewards.GetOffersAsync(member.Id, affordableOnly: true);

        Assert.Equal(RewardRedemptionOutcome.TierTooLow, result.Outcome);
        Assert.Equal(1000, db.Points.BalanceOf(member.Id));
        Assert.Contains(offers.Rewards, r => r.Id == affordable.Id);
        Assert.DoesNotContain(offers.Rewards, r => r.Id == exclusive.Id || r.Id == tooDear.Id);
    }

    [Fact]
    public async Task A_reward_with_bad_input_is_refused_with_the_fields_named()
    {
        var error = await Assert.ThrowsAsync<RewardValidationException>(() => db.Rewards.SaveRewardAsync(
            new SaveRewardRequest(null, " ", null, "not a url", 0, -1, new DateOnly(2026, 12, 31), new DateOnly(2026, 1, 1), 0, true, "owner@test")));

        Assert.Equal(["imageUrl", "name", "pointsCost", "stock", "validTo"], error.Errors.Keys.Order());
    }

    [Fact]
    public async Task A_counter_redemption_stuck_before_spending_is_rolled_back_by_the_job_without_touching_points()
    {
        var member = MemberWith(points: 100);
        var reward = await db.AddRewardAsync(cost: 100, stock: 1);
        db.Points.ThrowNext = true; // the Points module was unreachable after the stock was reserved

        await Assert.ThrowsAsync<TimeoutException>(() => db.Rewards.RedeemAtCounterAsync(new RedeemRewardRequest(member.Id, reward.Id, "stuck-1")));
        Assert.Equal(0, (await db.Rewards.GetRewardAsync(reward.Id))!.Stock);

        db.Clock.Advance(TimeSpan.FromMinutes(31));
        await db.Get<ExpirePendingRedemptionsJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, (await db.Rewards.GetRewardAsync(reward.Id))!.Stock);
        Assert.Equal(100, db.Points.BalanceOf(member.Id));
        var retry = await db.Rewards.RedeemAtCounterAsync(new RedeemRewardRequest(member.Id, reward.Id, "stuck-1"));
        Assert.Equal(RewardRedemptionOutcome.CodeExpired, retry.Outcome);
    }

    private MemberSummary MemberWith(int points)
    {
        var member = db.Members.Add();
        db.Points.Set(member.Id, points);
        return member;
    }
}
