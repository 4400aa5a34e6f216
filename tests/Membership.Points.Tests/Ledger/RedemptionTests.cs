using Membership.Contracts.Points;
using Membership.Points.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Points.Tests.Ledger;

public sealed class RedemptionTests(PointsHost host) : IClassFixture<PointsHost>
{
    [Fact]
    public async Task One_hundred_concurrent_redeems_never_drive_the_balance_negative()
    {
        var member = host.Members.Add();
        await host.Points.GrantAsync(new GrantPointsRequest(member.Id, 30, "test", "Start", "g1"));
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 2000m));

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => host.InScopeAsync(s =>
            s.GetRequiredService<IPointsModule>().RedeemAsync(new RedeemPointsRequest(member.Id, 3, "Discount", $"redeem-{i}", "pos"))))));

        Assert.Equal(50 / 3, results.Count(r => r.Outcome == RedeemOutcome.Redeemed));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(RedeemOutcome.InsufficientBalance, r.Outcome));
        Assert.Equal(50 % 3, (await host.Points.GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM points_ledger_entries WHERE balance_after < 0"));
        await host.AssertConsistentAsync(member.Id);
    }

    [Fact]
    public async Task The_same_redemption_key_sent_20_times_at_once_redeems_once_and_another_body_under_it_is_a_conflict()
    {
        var member = host.Members.Add();
        await host.Points.GrantAsync(new GrantPointsRequest(member.Id, 100, "test", "Start", "same-key-g"));
        var request = new RedeemPointsRequest(member.Id, 30, "Discount", "same-key", "pos");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.InScopeAsync(s =>
            s.GetRequiredService<IPointsModule>().RedeemAsync(request)))));
        var other = await host.Points.RedeemAsync(request with { Points = 31 });

        Assert.Single(results, r => r.Outcome == RedeemOutcome.Redeemed);
        Assert.All(results, r => Assert.Equal((70, results[0].EntryId), (r.Balance, r.EntryId)));
        Assert.Equal(RedeemOutcome.Conflict, other.Outcome);
        Assert.Equal(70, (await host.Points.GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(1, await host.ScalarAsync($"SELECT count(*) FROM points_ledger_entries WHERE member_id = '{member.Id}' AND points < 0"));
        await host.AssertConsistentAsync(member.Id);
    }

    [Fact]
    public async Task Lots_changed_outside_the_ledger_stop_a_redemption_with_nothing_written_and_the_key_free()
    {
        var member = host.Members.Add();
        await host.Points.GrantAsync(new GrantPointsRequest(member.Id, 50, "test", "Start", "tampered-g"));
        await host.ScalarAsync($"WITH u AS (UPDATE points_lots SET remaining = 10 WHERE member_id = '{member.Id}' RETURNING 1) SELECT count(*) FROM u");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.Points.RedeemAsync(new RedeemPointsRequest(member.Id, 30, "Discount", "tampered", "pos")));

        Assert.Contains("ledger needs checking", failure.Message);
        Assert.Equal(50, (await host.Points.GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(10, await host.ScalarAsync($"SELECT sum(remaining) FROM points_lots WHERE member_id = '{member.Id}'"));
        Assert.Equal(1, await host.ScalarAsync($"SELECT count(*) FROM points_ledger_entries WHERE member_id = '{member.Id}'"));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM points_idempotency_records WHERE scope = 'redeem' AND key = 'tampered'"));
        var smaller = await host.Points.RedeemAsync(new RedeemPointsRequest(member.Id, 5, "Discount", "tampered", "pos"));
        Assert.Equal((RedeemOutcome.Redeemed, 45), (smaller.Outcome, smaller.Balance));
    }

    [Fact]
    public async Task A_short_balance_is_refused_with_a_reason_and_changes_nothing()
    {
        var member = host.Members.Add();
        await host.Points.GrantAsync(new GrantPointsRequest(member.Id, 10, "test", "Start", "short-g"));

        var result = await host.Points.RedeemAsync(new RedeemPointsRequest(member.Id, 11, "Discount", "short", "pos"));
        var retry = await host.Points.GrantAsync(new GrantPointsRequest(member.Id, 1, "test", "Top up", "short-g2"));
        var afterTopUp = await host.Points.RedeemAsync(new RedeemPointsRequest(member.Id, 11, "Discount", "short", "pos"));

        Assert.Equal(RedeemOutcome.InsufficientBalance, result.Outcome);
        Assert.Contains("10", result.Reason);
        Assert.Equal(11, retry.Balance);
        Assert.Equal((RedeemOutcome.Redeemed, 0), (afterTopUp.Outcome, afterTopUp.Balance));
        await host.AssertConsistentAsync(member.Id);
    }

    [Fact]
    public async Task Redemptions_take_the_oldest_expiring_lots_first_and_a_reversal_puts_them_back()
    {
        var member = host.Members.Add();
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 500m, at: new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(8))));
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 700m, at: new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.FromHours(8))));

        var redeemed = await host.Points.RedeemAsync(new RedeemPointsRequest(member.Id, 9, "Reward", "fifo", "reward"));

        Assert.Equal("0,3", await LotRemaindersAsync(member.Id));
        var balance = await host.Points.ReverseRedemptionAsync(new ReverseRedemptionRequest(member.Id, "fifo", "Not confirmed"));
        var again = await host.Points.ReverseRedemptionAsync(new ReverseRedemptionRequest(member.Id, "fifo", "Not confirmed"));
        Assert.Equal(RedeemOutcome.Redeemed, redeemed.Outcome);
        Assert.Equal((12, 12), (balance!.Balance, again!.Balance));
        Assert.Null(await host.Points.ReverseRedemptionAsync(new ReverseRedemptionRequest(member.Id, "never-made", "Not confirmed")));
        Assert.Equal("7,5", await LotRemaindersAsync(member.Id));
        await host.AssertConsistentAsync(member.Id);
    }

    [Fact]
    public async Task Adjustments_add_a_lot_or_take_points_and_a_negative_one_is_refused_when_short()
    {
        var member = host.Members.Add();

        var plus = await host.Points.AdjustAsync(new AdjustPointsRequest(member.Id, 20, "Goodwill", "owner@shop", "a1"));
        var minus = await host.Points.AdjustAsync(new AdjustPointsRequest(member.Id, -5, "Typo", "owner@shop", "a2"));
        var tooMuch = await host.Points.AdjustAsync(new AdjustPointsRequest(member.Id, -50, "Typo", "owner@shop", "a3"));

        Assert.Equal((true, 20), (plus.Succeeded, plus.Balance));
        Assert.Equal((true, 15), (minus.Succeeded, minus.Balance));
        Assert.False(tooMuch.Succeeded);
        Assert.Equal(15, (await host.Points.GetBalanceAsync(member.Id)).Balance);
        await host.AssertConsistentAsync(member.Id);
    }

    private async Task<string> LotRemaindersAsync(Guid memberId)
    {
        var first = await host.ScalarAsync($"SELECT remaining FROM points_lots WHERE member_id = '{memberId}' ORDER BY expires_at LIMIT 1");
        var second = await host.ScalarAsync($"SELECT remaining FROM points_lots WHERE member_id = '{memberId}' ORDER BY expires_at DESC LIMIT 1");
        return $"{first},{second}";
    }
}
