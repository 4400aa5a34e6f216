using Membership.Contracts.Points;
using Membership.Points.Tests.Infrastructure;

namespace Membership.Points.Tests.Purchases;

public sealed class PurchaseRefunderTests(PointsHost host) : IClassFixture<PointsHost>
{
    [Fact]
    public async Task A_full_refund_reverses_all_the_points_and_a_replay_changes_nothing()
    {
        var member = host.Members.Add();
        var purchase = await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 1000m));
        var request = new RefundPurchaseRequest("refund-1", purchase.PurchaseId!.Value, null, "Returned");

        var refund = await host.Points.RefundPurchaseAsync(request);
        var replay = await host.Points.RefundPurchaseAsync(request);

        Assert.Equal((RefundOutcome.Refunded, 1000m, 10, 0), (refund.Outcome, refund.RefundedAmount, refund.PointsReversed, refund.Balance));
        Assert.Equal((RefundOutcome.Replayed, refund.RefundId), (replay.Outcome, replay.RefundId));
        Assert.Equal(RefundOutcome.Invalid, (await host.Points.RefundPurchaseAsync(request with { IdempotencyKey = "refund-2" })).Outcome);
        Assert.Equal(1, await host.ScalarAsync($"SELECT count(*) FROM points_outbox_messages WHERE type LIKE '%PurchaseRefunded%' AND payload->>'memberId' = '{member.Id}'"));
        await host.AssertConsistentAsync(member.Id);
    }

    [Fact]
    public async Task Partial_refunds_reverse_points_in_proportion_and_the_last_one_the_rest()
    {
        var member = host.Members.Add();
        var purchase = await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 1000m));
        var id = purchase.PurchaseId!.Value;

        var third = await host.Points.RefundPurchaseAsync(new RefundPurchaseRequest("p1", id, 333m, null));
        var tooMuch = await host.Points.RefundPurchaseAsync(new RefundPurchaseRequest("p2", id, 700m, null));
        var rest = await host.Points.RefundPurchaseAsync(new RefundPurchaseRequest("p3", id, null, null));

        Assert.Equal((3, 7), (third.PointsReversed, third.Balance));
        Assert.Equal(RefundOutcome.Invalid, tooMuch.Outcome);
        Assert.Equal((667m, 7, 0), (rest.RefundedAmount, rest.PointsReversed, rest.Balance));
        await host.AssertConsistentAsync(member.Id);
    }

    [Fact]
    public async Task Points_already_spent_are_not_taken_below_zero_and_the_shortfall_is_recorded()
    {
        var member = host.Members.Add();
        var purchase = await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 1000m));
        await host.Points.RedeemAsync(new RedeemPointsRequest(member.Id, 8, "Discount", "spend", "pos"));

        var refund = await host.Points.RefundPurchaseAsync(new RefundPurchaseRequest("r", purchase.PurchaseId!.Value, null, null));

        Assert.Equal((2, 0), (refund.PointsReversed, refund.Balance));
        Assert.Equal(8, await host.ScalarAsync($"SELECT points_shortfall FROM points_refunds WHERE id = '{refund.RefundId}'"));
        await host.AssertConsistentAsync(member.Id);
    }

    [Fact]
    public async Task An_unknown_purchase_is_not_found()
    {
        var refund = await host.Points.RefundPurchaseAsync(new RefundPurchaseRequest("x", Guid.NewGuid(), null, null));

        Assert.Equal(RefundOutcome.PurchaseNotFound, refund.Outcome);
    }
}
