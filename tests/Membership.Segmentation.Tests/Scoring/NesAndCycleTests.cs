using Membership.Contracts.Segmentation;
using Membership.Testing;

namespace Membership.Segmentation.Tests.Scoring;

public sealed class NesAndCycleTests(PostgresDatabaseFixture database) : SegmentationTestBase(database)
{
    [Fact]
    public async Task NES_states_change_exactly_at_one_two_and_three_cycles()
    {
        await Segmentation.SaveSettingsAsync(new ScoringSettings(CycleDaysOverride: 10), "test");
        var byLastPurchase = new Dictionary<int, Guid>();
        foreach (var daysAgo in new[] { 10, 11, 20, 21, 30, 31 })
        {
            var id = await MemberAsync($"N{daysAgo}");
            await PurchaseAsync(id, daysAgo: 100, total: 100);
            await PurchaseAsync(id, daysAgo: daysAgo, total: 100);
            byLastPurchase[daysAgo] = id;
        }

        var newAtCycle = await MemberAsync("NEW10");
        await PurchaseAsync(newAtCycle, daysAgo: 10, total: 100);
        var onePurchaseOnly = await MemberAsync("ONE11");
        await PurchaseAsync(onePurchaseOnly, daysAgo: 11, total: 100);
        var never = await MemberAsync("NEVER");

        var run = await ScoreAsync();

        Assert.Equal(10, run.CycleDays);
        Assert.Equal("E0", (await ScoresOfAsync(byLastPurchase[10])).NesState);
        Assert.Equal("S1", (await ScoresOfAsync(byLastPurchase[11])).NesState);
        Assert.Equal("S1", (await ScoresOfAsync(byLastPurchase[20])).NesState);
        Assert.Equal("S2", (await ScoresOfAsync(byLastPurchase[21])).NesState);
        Assert.Equal("S2", (await ScoresOfAsync(byLastPurchase[30])).NesState);
        Assert.Equal("S3", (await ScoresOfAsync(byLastPurchase[31])).NesState);
        Assert.Equal("N", (await ScoresOfAsync(newAtCycle)).NesState);
        Assert.Equal("S1", (await ScoresOfAsync(onePurchaseOnly)).NesState);
        var none = await ScoresOfAsync(never);
        Assert.Equal("none", none.NesState);
        Assert.Equal("未消費", none.NesStateName);
        Assert.Equal("最近一次消費 21 天前 = 2.1 × 10 天購買週期 → S2 半睡客", (await ScoresOfAsync(byLastPurchase[21])).Explanation);
        Assert.Equal("Last purchase 21 days ago = 2.1 × the 10-day purchase cycle → S2 Half asleep",
            (await Segmentation.GetMemberScoresAsync(byLastPurchase[21], english: true))!.Explanation);
    }

    [Fact]
    public async Task The_cycle_is_the_median_gap_with_an_odd_count()
    {
        var a = await MemberAsync("A");
        await PurchaseAsync(a, daysAgo: 20, total: 100);
        await PurchaseAsync(a, daysAgo: 16, total: 100); // gap 4
        await PurchaseAsync(a, daysAgo: 10, total: 100); // gap 6
        await PurchaseAsync(a, daysAgo: 10, total: 50);  // same date: not a gap
        var b = await MemberAsync("B");
        await PurchaseAsync(b, daysAgo: 30, total: 100);
        await PurchaseAsync(b, daysAgo: 22, total: 100); // gap 8

        Assert.Equal(6, (await ScoreAsync()).CycleDays);
    }

    [Fact]
    public async Task The_cycle_is_rounded_half_up_with_an_even_count_and_ignores_gaps_ending_before_the_window()
    {
        var a = await MemberAsync("A");
        await PurchaseAsync(a, daysAgo: 20, total: 100);
        await PurchaseAsync(a, daysAgo: 16, total: 100); // gap 4
        await PurchaseAsync(a, daysAgo: 11, total: 100); // gap 5 → median of 4 and 5 = 4.5 → 5
        var old = await MemberAsync("OLD");
        await PurchaseAsync(old, daysAgo: 700, total: 100);
        await PurchaseAsync(old, daysAgo: 400, total: 100); // gap 300, its later date is outside the window

        Assert.Equal(5, (await ScoreAsync()).CycleDays);
    }

    [Fact]
    public async Task Without_any_gap_the_cycle_is_thirty_days()
    {
        var a = await MemberAsync("A");
        await PurchaseAsync(a, daysAgo: 3, total: 100);

        Assert.Equal(30, (await ScoreAsync()).CycleDays);
    }
}
