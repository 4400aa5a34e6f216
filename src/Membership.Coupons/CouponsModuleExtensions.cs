using Membership.Coupons.Api;
using Microsoft.AspNetCore.Builder;
using Hangfire;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Coupons.Definitions;
using Membership.Coupons.Issuing;
using Membership.Coupons.Persistence;
using Membership.Coupons.Redemption;
using Membership.Shared.Persistence;
using Membership.Shared.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Membership.Coupons;

public static class CouponsModuleExtensions
{
    /// <summary>Coupon definitions, issuing (manual, welcome, birthday, campaigns) and redemption. Needs IMembersModule, IMemberLinks and ILineMessagingClient.</summary>
    public static IServiceCollection AddCouponsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CouponsDbContext>(configuration, CouponsDbContext.TablePrefix);
        services.AddScoped<ICouponsModule, CouponsModule>();
        services.AddScoped<CouponDefinitions>();
        services.AddScoped<CouponIssuer>();
        services.AddScoped<CouponNotifier>();
        services.AddScoped<CouponRedemption>();
        services.AddScoped<IIntegrationEventHandler<MemberRegistered>, IssueWelcomeCouponOnMemberRegistered>();
        services.AddScoped<IssueBirthdayCouponsJob>();
        return services;
    }

    /// <summary>Birthday coupons on the 1st of every month, 10:00 Taipei time.</summary>
    internal static IHost ScheduleCouponsJobs(this IHost host)
    {
        host.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<IssueBirthdayCouponsJob>(
            IssueBirthdayCouponsJob.RecurringId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Monthly(1, 10),
            new RecurringJobOptions { TimeZone = TaipeiTime.Zone });
        return host;
    }

    /// <summary>The module's endpoints and recurring jobs (STYLE.md §6: one call per module, in module order).</summary>
    public static WebApplication MapCouponsModule(this WebApplication app)
    {
        app.MapCouponApi();
        app.ScheduleCouponsJobs();
        return app;
    }
}
