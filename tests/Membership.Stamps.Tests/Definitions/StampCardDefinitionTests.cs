using Membership.Contracts.Stamps;
using Membership.Testing;

namespace Membership.Stamps.Tests.Definitions;

public sealed class StampCardDefinitionTests(PostgresDatabaseFixture database) : StampsTestBase(database)
{
    [Fact]
    public async Task A_definition_is_saved_with_its_rewards_in_threshold_order()
    {
        var saved = await Stamps.SaveDefinitionAsync(new StampCardDefinition(Guid.Empty, "甜點卡", StampEarning.PerAmount, 0, 100, 3, 10, 365,
            [new StampReward(10, "蛋糕"), new StampReward(3, "餅乾")], true), "owner@test");

        var definition = (await Stamps.GetDefinitionsAsync()).Single(d => d.Id == saved.Id);
        Assert.Equal(("甜點卡", 100m, 3), (definition.Name, definition.AmountPerStamp, definition.MaxStampsPerPurchase));
        Assert.Equal([3, 10], definition.Rewards.Select(r => r.Threshold));
    }

    [Theory]
    [InlineData("", 10, 365, 5, "Stamps.Error.Name")]
    [InlineData("卡", 0, 365, 5, "Stamps.Error.TotalStamps")]
    [InlineData("卡", 10, 0, 5, "Stamps.Error.Validity")]
    [InlineData("卡", 10, 365, 11, "Stamps.Error.Rewards")]
    public async Task Invalid_definitions_are_refused_with_a_reason_and_nothing_is_saved(string name, int total, int validity, int threshold, string error)
    {
        var before = (await Stamps.GetDefinitionsAsync()).Count;

        var result = await Stamps.SaveDefinitionAsync(new StampCardDefinition(Guid.Empty, name, StampEarning.PerVisit, 1, null, null, total, validity,
            [new StampReward(threshold, "禮物")], true), "owner@test");

        Assert.False(result.Succeeded);
        Assert.Contains(error, result.Errors);
        Assert.Equal(before, (await Stamps.GetDefinitionsAsync()).Count);
    }
}
