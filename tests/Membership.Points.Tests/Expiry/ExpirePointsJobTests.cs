using Membership.Contracts.Points;
using Membership.Points.Expiry;
using Membership.Points.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Points.Tests.Expiry;

public sealed class ExpirePointsJobTests(PointsHost host) : IClassFixture<PointsHost>
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);

    [Fact]
    public async Task Expiring_a_partly_spent_lot_removes_only_what_is_left_of_it_then_the_next_lot_expires_in_turn()
    {
        var member = host.Members.Add();
        var other = host.Members.Add();
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 10_000m, at: new DateTimeOffset(2025, 12, 1, 12, 0, 0, Taipei)));
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 5_000m, at: new DateTimeOffset(2026, 6, 1, 12, 0, 0, Taipei)));
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(other.Id, 3_000m, at: new DateTimeOffset(2026, 6, 1, 12, 0, 0, Taipei)));
        await host.Points.RedeemAsync(new RedeemPointsRequest(member.Id, 80, "Discount", "spend-80", "pos"));

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 5, 0, Taipei).ToUniversalTime());
        var firstNight = await RunAsync();
        var again = await RunAsync();

        Assert.Equal(20, firstNight);
        Assert.Equal(0, again);
        var balance = await host.Points.GetBalanceAsync(member.Id);
        Assert.Equal(50, balance.Balance);
        Assert.Equal(new DateOnly(2027, 5, 31), balance.NextExpiry);
        await host.AssertConsistentAsync(member.Id);
        Assert.Equal(30, (await host.Points.GetBalanceAsync(other.Id)).Balance);
        Assert.Contains(host.Members.Timeline.Values, t => t.MemberId == member.Id && t.Summary.StartsWith("20 點到期", StringComparison.Ordinal));

        host.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 0, 5, 0, Taipei).ToUniversalTime());
        Assert.Equal(80, await RunAsync());
        Assert.Equal(0, (await host.Points.GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(0, (await host.Points.GetBalanceAsync(other.Id)).Balance);
        Assert.Equal(-70, await host.ScalarAsync($"SELECT sum(points) FROM points_ledger_entries WHERE member_id = '{member.Id}' AND kind = 2"));
        await host.AssertConsistentAsync(member.Id);
        await host.AssertConsistentAsync(other.Id);
    }

    private Task<long> RunAsync() => host.InScopeAsync(s => s.GetRequiredService<ExpirePointsJob>().RunAsync(CancellationToken.None));
}
