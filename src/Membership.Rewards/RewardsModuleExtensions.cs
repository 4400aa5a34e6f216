using Microsoft.AspNetCore.Builder;
using Hangfire;
using Membership.Contracts.Rewards;
using Membership.Rewards.Catalogue;
using Membership.Rewards.Persistence;
using Membership.Rewards.Redemption;
using Membership.Shared.Persistence;
using Membership.Shared.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Membership.Rewards;

public static class RewardsModuleExtensions
{
    /// <summary>The catalogue and redemptions (section <c>"Rewards"</c>: <c>PendingMinutes</c>, default 30). Needs IPointsModule and IMembersModule; ITiersModule is optional.</summary>
    public static IServiceCollection AddRewardsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<RewardsDbContext>(configuration, RewardsDbContext.TablePrefix);
        services.AddOptions<RewardsOptions>()
            .Bind(configuration.GetSection(RewardsOptions.SectionName))
            .Validate(o => o.PendingMinutes is >= 1 and <= 24 * 60, "Rewards:PendingMinutes must be between 1 and 1440.")
            .ValidateOnStart();
        services.AddScoped<IRewardsModule, RewardsModule>();
        services.AddScoped<RewardCatalogue>();
        services.AddScoped<RewardRedemptions>();
        services.AddScoped<RedemptionSettlement>();
        services.AddScoped<PendingConfirmation>();
        services.AddScoped<ExpirePendingRedemptionsJob>();
        return services;
    }

    /// <summary>Unconfirmed redemptions roll back every minute.</summary>
    internal static IHost ScheduleRewardsJobs(this IHost host)
    {
        host.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ExpirePendingRedemptionsJob>(
            ExpirePendingRedemptionsJob.RecurringId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TaipeiTime.Zone });
        return host;
    }

    /// <summary>The module's endpoints and recurring jobs (STYLE.md §6: one call per module, in module order).</summary>
    public static WebApplication MapRewardsModule(this WebApplication app)
    {
        app.ScheduleRewardsJobs();
        return app;
    }
}
