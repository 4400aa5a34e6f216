using Microsoft.AspNetCore.Builder;
using Hangfire;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Points.Api;
using Membership.Points.Earning;
using Membership.Points.Expiry;
using Membership.Points.Ledger;
using Membership.Points.Line;
using Membership.Points.Persistence;
using Membership.Points.Purchases;
using Membership.Points.SalesImport;
using Membership.Points.Welcome;
using Membership.Shared.Outbox;
using Membership.Shared.Persistence;
using Membership.Shared.Time;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Membership.Points;

public static class PointsModuleExtensions
{
    public const string ExpireJobId = "points:expire-points";
    public const string RemindJobId = "points:remind-expiring-points";

    public static IServiceCollection AddPointsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PointsDbContext>(configuration, PointsDbContext.TablePrefix);
        services.AddOutbox<PointsDbContext>(configuration, PointsDbContext.TablePrefix);
        services.AddSingleton<EarnRulesStore>();
        services.AddScoped<PointsRedemptions>();
        services.AddScoped<PointsCredits>();
        services.AddScoped<PointsQueries>();
        services.AddScoped<MemberResolver>();
        services.AddScoped<PurchaseRecorder>();
        services.AddScoped<PurchaseRefunder>();
        services.AddScoped<IPointsModule, PointsModule>();
        services.AddScoped<ISalesImport, SalesImporter>();
        services.AddScoped<IIntegrationEventHandler<MemberRegistered>, GrantWelcomeGiftOnMemberRegistered>();
        services.AddScoped<IIntegrationEventHandler<PurchaseRecorded>, NotifyMemberOnPurchaseRecorded>();
        services.AddScoped<IIntegrationEventHandler<PurchaseRefunded>, RecordPointsTimeline>();
        services.AddScoped<IIntegrationEventHandler<PointsBalanceChanged>, RecordPointsTimeline>();
        services.AddScoped<ExpirePointsJob>();
        services.AddScoped<RemindExpiringPointsJob>();
        services.AddPointsLine();
        return services;
    }

    /// <summary>The integration API: <c>/api/v1/purchases</c> and <c>/api/v1/members/{memberCode}/points</c>.</summary>
    internal static IEndpointRouteBuilder MapPointsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPurchaseApi();
        app.MapMemberPointsApi();
        return app;
    }

    /// <summary>The nightly expiry (00:10 Taipei) and the daily reminder of points expiring within 30 days (10:00 Taipei).</summary>
    internal static IHost SchedulePointsJobs(this IHost app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var options = new RecurringJobOptions { TimeZone = TaipeiTime.Zone };
        jobs.AddOrUpdate<ExpirePointsJob>(ExpireJobId, job => job.RunAsync(CancellationToken.None), "10 0 * * *", options);
        jobs.AddOrUpdate<RemindExpiringPointsJob>(RemindJobId, job => job.RunAsync(CancellationToken.None), "0 10 * * *", options);
        return app;
    }

    /// <summary>The module's endpoints and recurring jobs (STYLE.md §6: one call per module, in module order).</summary>
    public static WebApplication MapPointsModule(this WebApplication app)
    {
        app.MapPointsEndpoints();
        app.SchedulePointsJobs();
        return app;
    }
}
