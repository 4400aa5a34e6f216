using Membership.Contracts.Points;
using Membership.Points.Earning;

namespace Membership.Points.Tests.Earning;

public sealed class EarnCalculatorTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    private static readonly EarnRules Rules = EarnRulesStore.Defaults with
    {
        CategoryBonuses = [new CategoryBonus("coffee", 2m)],
        Campaigns = [new PointsCampaign("Double weekend", new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29), 2m),
                     new PointsCampaign("Triple Sunday", new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 29), 3m)],
    };

    public static TheoryData<decimal, string?, decimal, int, decimal, int> Cases => new()
    {
        // total, line category, line amount, day offset, tier multiplier, expected
        { 99m, null, 0m, 0, 1m, 0 },           // under NT$100 earns nothing
        { 100m, null, 0m, 0, 1m, 1 },
        { 1299m, null, 0m, 0, 1m, 12 },        // rounded down
        { 1000m, null, 0m, 0, 1.5m, 15 },      // gold tier
        { 1000m, "coffee", 300m, 0, 1m, 13 },  // 300 of coffee counts twice: (1000 + 300) / 100
        { 1000m, "COFFEE ", 300m, 0, 1m, 13 }, // categories match case- and space-insensitively
        { 1000m, "tea", 300m, 0, 1m, 10 },     // no bonus for tea
        { 1000m, null, 0m, 3, 1m, 20 },        // Saturday 28th: double
        { 1000m, null, 0m, 4, 1m, 30 },        // Sunday 29th: the better campaign wins
        { 1000m, null, 0m, 5, 1m, 10 },        // Monday 30th: over
        { 1000m, "coffee", 300m, 4, 1.5m, 58 }, // 1300 / 100 × 1.5 × 3 = 58.5 → 58
        { 0m, null, 0m, 0, 1m, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Points_follow_the_rules(decimal total, string? category, decimal lineAmount, int dayOffset, decimal tier, int expected)
    {
        var lines = category is null ? [] : new[] { new PurchaseLine("SKU-1", category, 1, lineAmount) };

        Assert.Equal(expected, EarnCalculator.Compute(Rules, total, lines, Day.AddDays(dayOffset), tier));
    }

    [Fact]
    public void Nt_per_point_changes_the_rate()
    {
        Assert.Equal(20, EarnCalculator.Compute(Rules with { AmountPerPoint = 50m }, 1000m, [], Day, 1m));
    }

    [Fact]
    public void Rules_that_make_no_sense_are_refused()
    {
        Assert.Empty(EarnRulesStore.Validate(Rules));
        Assert.NotEmpty(EarnRulesStore.Validate(Rules with { AmountPerPoint = 0 }));
        Assert.NotEmpty(EarnRulesStore.Validate(Rules with { ExpiryMonths = 0 }));
        Assert.NotEmpty(EarnRulesStore.Validate(Rules with { Campaigns = [new PointsCampaign("Bad", Day, Day.AddDays(-1), 2m)] }));
        Assert.NotEmpty(EarnRulesStore.Validate(Rules with { CategoryBonuses = [new CategoryBonus("a", 2m), new CategoryBonus("A", 3m)] }));
    }
}
