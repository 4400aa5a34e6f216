using Membership.Contracts.Points;
using Membership.Contracts.Rewards;
using Membership.Testing.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Rewards.Tests;

public sealed class RewardsDatabase : ModuleDatabase
{
    internal FakePointsModule Points { get; } = new();

    public IRewardsModule Rewards => Get<IRewardsModule>();

    protected override void AddModule(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPointsModule>(Points);
        services.AddRewardsModule(configuration);
    }

    public Task<Reward> AddRewardAsync(int cost = 100, int? stock = 5, int minTierRank = 0, string name = "拿鐵一杯") =>
        Rewards.SaveRewardAsync(new SaveRewardRequest(null, name, "Latte", null, cost, stock, null, null, minTierRank, true, "owner@test"));
}
