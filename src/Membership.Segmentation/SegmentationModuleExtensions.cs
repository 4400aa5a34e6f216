using Membership.Contracts.Segmentation;
using Membership.Segmentation.Dashboards;
using Membership.Segmentation.Persistence;
using Membership.Segmentation.Scoring;
using Membership.Segmentation.Segments;
using Hangfire;
using Membership.Shared.Time;
using Microsoft.Extensions.Hosting;
using Membership.Shared.Outbox;
using Membership.Shared.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Segmentation;

public static class SegmentationModuleExtensions
{
    public const string ScoreJobId = "segmentation:score-members";

    internal const string SegmentExportRoute = "/segments/{segmentId:guid}/export.csv";

    /// <summary>The CSV export of a saved segment (Owners and Marketers; audited).</summary>
    public static string SegmentExportPath(Guid segmentId) => $"/segments/{segmentId}/export.csv";

    public static IServiceCollection AddSegmentationModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<SegmentationDbContext>(configuration, SegmentationDbContext.TablePrefix);
        services.AddOutbox<SegmentationDbContext>(configuration, SegmentationDbContext.TablePrefix);
        services.AddScoped<ScoringService>();
        services.AddScoped<ScoreMembersJob>();
        services.AddScoped<SegmentService>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<ISegmentationModule, SegmentationModule>();
        services.AddScoped<Membership.Shared.Demo.IDemoSeeder, Demo.SegmentationDemoSeeder>();
        return services;
    }

    /// <summary>The scoring and segment endpoints of the marketing API, and the nightly scoring at 03:00 Taipei.</summary>
    public static WebApplication MapSegmentationModule(this WebApplication app)
    {
        app.MapScoringApi();
        app.MapSegmentsApi();
        app.MapSegmentExport();
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ScoreMembersJob>(
            ScoreJobId, job => job.RunAsync(CancellationToken.None), "0 3 * * *", new RecurringJobOptions { TimeZone = TaipeiTime.Zone });
        return app;
    }
}
