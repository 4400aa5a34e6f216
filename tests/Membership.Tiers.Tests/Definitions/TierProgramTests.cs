using Membership.Contracts.Tiers;
using Membership.Testing;

namespace Membership.Tiers.Tests.Definitions;

public sealed class TierProgramTests(PostgresDatabaseFixture database) : TiersTestBase(database)
{
    [Fact]
    public async Task The_default_program_is_four_tiers_by_spend()
    {
        var program = await Tiers.GetProgramAsync();

        Assert.Equal(TierBasis.Spend, program.Basis);
        Assert.Equal(["一般", "銀卡", "金卡", "黑卡"], program.Tiers.Select(t => t.NameZh));
        Assert.Equal([0m, 10_000m, 30_000m, 80_000m], program.Tiers.Select(t => t.Threshold));
        Assert.Equal([1m, 1.2m, 1.5m, 2m], program.Tiers.Select(t => t.PointsMultiplier));
    }

    [Fact]
    public async Task A_saved_program_is_used_by_the_next_tier_look_up_at_once()
    {
        var member = Guid.NewGuid();
        var before = await Tiers.GetMemberTierAsync(member); // reads the program into the look-up's cache
        var program = await Tiers.GetProgramAsync();
        var entry = program.Tiers.MinBy(t => t.Rank)!;

        await Tiers.SaveProgramAsync(program with { Tiers = program.Tiers.Select(t => t == entry ? t with { PointsMultiplier = 1.1m } : t).ToList() }, "owner@test");
        var after = await Tiers.GetMemberTierAsync(member);
        await Tiers.SaveProgramAsync(program, "owner@test");

        Assert.Equal(1m, before.PointsMultiplier);
        Assert.Equal(1.1m, after.PointsMultiplier);
    }

    [Fact]
    public async Task Thresholds_that_do_not_rise_with_rank_are_refused_and_change_nothing()
    {
        var program = await Tiers.GetProgramAsync();
        var broken = program with { Tiers = program.Tiers.Select(t => t.Code == "gold" ? t with { Threshold = 5_000 } : t).ToList() };

        var result = await Tiers.SaveProgramAsync(broken, "owner@test");

        Assert.False(result.Succeeded);
        Assert.Contains("Tiers.Error.Thresholds", result.Errors);
        Assert.Equal(30_000m, (await Tiers.GetProgramAsync()).Tiers.Single(t => t.Code == "gold").Threshold);
    }

    [Fact]
    public async Task A_tier_members_hold_cannot_be_removed()
    {
        await PurchaseAsync(Guid.NewGuid(), 12_000);
        var program = await Tiers.GetProgramAsync();

        var result = await Tiers.SaveProgramAsync(program with { Tiers = program.Tiers.Where(t => t.Code != "silver").ToList() }, "owner@test");

        Assert.Equal(["Tiers.Error.TierInUse"], result.Errors);
        Assert.Equal(4, (await Tiers.GetProgramAsync()).Tiers.Count);
    }

    [Fact]
    public async Task With_the_points_basis_points_earned_qualify_not_spend()
    {
        var program = await Tiers.GetProgramAsync();
        var byPoints = new TierProgram(TierBasis.PointsEarned, program.Tiers.Select(t => t with { Threshold = t.Rank * 100 }).ToList());
        Assert.True((await Tiers.SaveProgramAsync(byPoints, "owner@test")).Succeeded);
        var member = Guid.NewGuid();

        await PurchaseAsync(member, total: 50_000, points: 150);

        Assert.Equal("silver", (await Tiers.GetMemberTierAsync(member)).TierCode);
        Assert.Equal(150m, (await Tiers.GetMemberStatusAsync(member)).Qualifying);
        await Tiers.SaveProgramAsync(program, "owner@test");
    }
}
