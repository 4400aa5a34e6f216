using Membership.Broadcast.Api;
using Membership.Broadcast.Audience;
using Membership.Broadcast.Campaigns;
using Membership.Broadcast.Direct;
using Membership.Broadcast.Dispatch;
using Membership.Broadcast.Persistence;
using Membership.Broadcast.Images;
using Membership.Broadcast.Results;
using Membership.Broadcast.Settings;
using Membership.Broadcast.Testers;
using Membership.Contracts.Broadcast;
using Membership.Shared.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Broadcast;

public static class BroadcastModuleExtensions
{
    /// <summary>Members each group needs before the console shows a lift (below it: "not enough data").</summary>
    public const int MinimumGroupForLift = LiftMath.MinimumGroup;

    /// <summary>The largest campaign image an upload may be (LINE's limit for a preview image).</summary>
    public const int MaxImageBytes = CampaignImages.MaxBytes;

    /// <summary>The recipients' outcomes as CSV (Owners and Marketers).</summary>
    public static string ResultsCsvPath(Guid campaignId) => $"/campaigns/{campaignId}/results.csv";

    public static IServiceCollection AddBroadcastModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<BroadcastDbContext>(configuration, BroadcastDbContext.TablePrefix);
        services.Configure<BroadcastOptions>(configuration.GetSection(BroadcastOptions.Section));
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<SendRateLimits>();
        services.AddSingleton<LinkTokens>();
        services.AddScoped<CampaignResultsService>();
        services.AddScoped<AudienceResolver>();
        services.AddScoped<AudienceFreezer>();
        services.AddScoped<RenderingGroups>();
        services.AddScoped<BroadcastSettingsStore>();
        services.AddScoped<QuotaCheck>();
        services.AddScoped<CampaignService>();
        services.AddScoped<CampaignSender>();
        services.AddScoped<CampaignFreeze>();
        services.AddScoped<OccurrenceSpawner>();
        services.AddScoped<PersonalFieldsReader>();
        services.AddScoped<SampleRenderer>();
        services.AddScoped<TesterService>();
        services.AddScoped<CampaignImages>();
        services.AddScoped<DirectMessages>();
        services.AddScoped<IBroadcastModule, BroadcastModule>();
        services.AddSingleton<CampaignDispatcher>();
        if (configuration.GetSection(BroadcastOptions.Section).GetValue(nameof(BroadcastOptions.DispatcherEnabled), true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<CampaignDispatcher>());
        }

        return services;
    }

    /// <summary>The campaign endpoints of the marketing API (<c>/api/v1/campaigns</c>), tracked links (<c>/r/{token}</c>) and the results CSV.</summary>
    public static WebApplication MapBroadcastModule(this WebApplication app)
    {
        app.MapCampaignsApi();
        app.MapTrackedLinks();
        app.MapResultsCsv();
        CampaignImages.MapCampaignImages(app);
        return app;
    }
}
