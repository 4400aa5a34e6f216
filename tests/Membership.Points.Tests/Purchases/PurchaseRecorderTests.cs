using Membership.Contracts.Points;
using Membership.Points.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Points.Tests.Purchases;

public sealed class PurchaseRecorderTests(PointsHost host) : IClassFixture<PointsHost>
{
    [Fact]
    public async Task The_same_key_sent_20_times_at_once_records_one_purchase_and_one_earn()
    {
        var member = host.Members.Add();
        var request = Infrastructure.Purchases.For(member.Id, 1250m);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.InScopeAsync(s =>
            s.GetRequiredService<IPointsModule>().RecordPurchaseAsync(request)))));

        Assert.Single(results, r => r.Outcome == PurchaseOutcome.Recorded);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { PurchaseOutcome.Recorded, PurchaseOutcome.Replayed }));
        Assert.Single(results.Select(r => r.PurchaseId).Distinct());
        Assert.All(results, r => Assert.Equal((12, 12), (r.PointsEarned, r.Balance)));
        Assert.Equal(1, await host.ScalarAsync($"SELECT count(*) FROM points_purchases WHERE member_id = '{member.Id}'"));
        Assert.Equal(1, await host.ScalarAsync($"SELECT count(*) FROM points_ledger_entries WHERE member_id = '{member.Id}'"));
        Assert.Equal(1, await host.ScalarAsync($"SELECT count(*) FROM points_outbox_messages WHERE payload->>'memberId' = '{member.Id}'"));
        await host.AssertConsistentAsync(member.Id);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict_and_changes_nothing()
    {
        var member = host.Members.Add();
        var first = Infrastructure.Purchases.For(member.Id, 500m);
        await host.Points.RecordPurchaseAsync(first);

        var other = await host.Points.RecordPurchaseAsync(first with { Total = 900m });

        Assert.Equal(PurchaseOutcome.Conflict, other.Outcome);
        Assert.Equal(5, (await host.Points.GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(1, await host.ScalarAsync($"SELECT count(*) FROM points_purchases WHERE member_id = '{member.Id}'"));
    }

    [Fact]
    public async Task A_receipt_already_recorded_in_the_store_is_a_conflict_that_writes_nothing_and_keeps_the_key_free()
    {
        var member = host.Members.Add();
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 500m, receipt: "R-0001"));

        var again = await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 500m, key: "retyped", receipt: "R-0001"));

        Assert.Equal(PurchaseOutcome.Conflict, again.Outcome);
        Assert.Contains("R-0001", again.ConflictReason);
        Assert.Equal(5, (await host.Points.GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(1, await host.ScalarAsync($"SELECT count(*) FROM points_ledger_entries WHERE member_id = '{member.Id}'"));
        Assert.Equal(1, await host.ScalarAsync($"SELECT count(*) FROM points_outbox_messages WHERE payload->>'memberId' = '{member.Id}'"));
        var corrected = await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 500m, key: "retyped", receipt: "R-0002"));
        Assert.Equal((PurchaseOutcome.Recorded, 10), (corrected.Outcome, corrected.Balance));
        await host.AssertConsistentAsync(member.Id);
    }

    [Fact]
    public async Task An_unknown_member_and_invalid_fields_are_refused()
    {
        var unknown = await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(Guid.NewGuid(), 500m));
        var invalid = await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(host.Members.Add().Id, -1m,
            lines: [new PurchaseLine("A", "coffee", 0, 10)]) with { StoreCode = " " });

        Assert.Equal(PurchaseOutcome.MemberNotFound, unknown.Outcome);
        Assert.Equal(PurchaseOutcome.Invalid, invalid.Outcome);
        Assert.Equal(["lines[0].quantity", "storeCode", "total"], invalid.Errors.Keys.Order());
    }

    [Fact]
    public async Task Imported_history_without_earning_records_the_purchase_and_no_points()
    {
        var member = host.Members.Add();

        var result = await host.Points.RecordPurchaseAsync(
            Infrastructure.Purchases.For(member.Id, 5000m) with { Channel = PurchaseChannels.Import, EarnPoints = false });

        Assert.Equal((PurchaseOutcome.Recorded, 0, 0), (result.Outcome, result.PointsEarned, result.Balance));
        var purchases = await host.Points.GetPurchasesAsync(member.Id, new Contracts.Common.PageRequest());
        Assert.Equal(5000m, Assert.Single(purchases.Items).Total);
        Assert.Equal(0, await host.ScalarAsync($"SELECT count(*) FROM points_ledger_entries WHERE member_id = '{member.Id}'"));
        Assert.Equal(0, await host.ScalarAsync($"SELECT count(*) FROM points_lots WHERE member_id = '{member.Id}'"));
        var replay = await host.Points.RecordPurchaseAsync(
            Infrastructure.Purchases.For(member.Id, 5000m, key: "import-1", receipt: "I-1") with { Channel = PurchaseChannels.Import, EarnPoints = false });
        Assert.Equal(PurchaseOutcome.Recorded, replay.Outcome);
        var replayed = await host.Points.RecordPurchaseAsync(
            Infrastructure.Purchases.For(member.Id, 5000m, key: "import-1", receipt: "I-1") with { Channel = PurchaseChannels.Import, EarnPoints = false });
        Assert.Equal((PurchaseOutcome.Replayed, replay.PurchaseId), (replayed.Outcome, replayed.PurchaseId));
    }
}
