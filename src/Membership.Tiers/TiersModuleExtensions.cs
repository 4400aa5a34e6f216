using Microsoft.AspNetCore.Builder;
using Hangfire;
using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Contracts.Tiers;
using Membership.Shared.Outbox;
using Membership.Shared.Persistence;
using Membership.Shared.Time;
using Membership.Tiers.Announcements;
using Membership.Tiers.Definitions;
using Membership.Tiers.Manual;
using Membership.Tiers.Persistence;
using Membership.Tiers.Qualifying;
using Membership.Tiers.Review;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Membership.Tiers;

public static class TiersModuleExtensions
{
    public static IServiceCollection AddTiersModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TiersDbContext>(configuration, TiersDbContext.TablePrefix);
        services.AddOutbox<TiersDbContext>(configuration, TiersDbContext.TablePrefix);
        services.AddScoped<ITiersModule, TiersModule>();
        services.AddScoped<TierProgramStore>();
        services.AddSingleton<TierProgramCache>();
        services.AddScoped<TierUpgrader>();
        services.AddScoped<TierAssignment>();
        services.AddScoped<IIntegrationEventHandler<PurchaseRecorded>, CountPurchaseOnPurchaseRecorded>();
        services.AddScoped<IIntegrationEventHandler<PurchaseRefunded>, SubtractRefundOnPurchaseRefunded>();
        services.AddScoped<IIntegrationEventHandler<MemberTierChanged>, AnnounceOnMemberTierChanged>();
        services.AddScoped<ReviewTiersJob>();
        return services;
    }

    /// <summary>The nightly yearly-review job (03:30 Taipei), after the day's purchases are in.</summary>
    internal static IHost ScheduleTiersJobs(this IHost host)
    {
        var jobs = host.Services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<ReviewTiersJob>(
            ReviewTiersJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "30 3 * * *",
            new RecurringJobOptions { TimeZone = TaipeiTime.Zone });
        return host;
    }

    /// <summary>The module's endpoints and recurring jobs (STYLE.md §6: one call per module, in module order).</summary>
    public static WebApplication MapTiersModule(this WebApplication app)
    {
        app.ScheduleTiersJobs();
        return app;
    }
}
