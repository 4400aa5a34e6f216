using Hangfire;
using Membership.Automation.Api;
using Membership.Automation.AutoReplies;
using Membership.Automation.Journeys;
using Membership.Automation.Persistence;
using Membership.Automation.Triggers;
using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Contracts.Tiers;
using Membership.Shared.Persistence;
using Membership.Shared.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Automation;

public static class AutomationModuleExtensions
{
    /// <summary>The timeline kind of an auto-reply on the member's timeline.</summary>
    public const string AutoReplyTimelineKind = AutoReplyResponder.TimelineKind;

    /// <summary>
    /// Keyword auto-replies (a <see cref="ILineChatResponder"/> for the Line module) and journeys: triggers from Members,
    /// Points, Tiers, Tags and Segmentation events, the journey processor (unless <c>Automation:ProcessorEnabled</c> is
    /// false), sends through Broadcast. Needs the Broadcast, Coupons, Points, Tags, Members and Segmentation modules.
    /// </summary>
    public static IServiceCollection AddAutomationModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<AutomationDbContext>(configuration, AutomationDbContext.TablePrefix);
        services.AddScoped<IAutomationModule, AutomationModule>();
        services.AddScoped<AutoReplyStore>();
        services.AddScoped<ILineChatResponder, AutoReplyResponder>();
        services.AddScoped<JourneyValidator>();
        services.AddScoped<JourneyStore>();
        services.AddScoped<JourneyStats>();
        services.AddScoped<JourneyEntry>();
        services.AddScoped<JourneyTriggers>();
        services.AddScoped<StepExecutor>();
        services.AddScoped<JourneyRunner>();
        services.AddScoped<EnterScheduledJourneysJob>();
        services.AddSingleton<JourneySignal>();
        services.AddSingleton<JourneyProcessor>();
        if (configuration.GetValue("Automation:ProcessorEnabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<JourneyProcessor>());
        }

        services.AddScoped<JourneysOnMemberEvents>();
        services.AddScoped<IIntegrationEventHandler<MemberFollowed>>(sp => sp.GetRequiredService<JourneysOnMemberEvents>());
        services.AddScoped<IIntegrationEventHandler<MemberRegistered>>(sp => sp.GetRequiredService<JourneysOnMemberEvents>());
        services.AddScoped<IIntegrationEventHandler<MemberBlocked>>(sp => sp.GetRequiredService<JourneysOnMemberEvents>());
        services.AddScoped<JourneysOnScoreChanges>();
        services.AddScoped<IIntegrationEventHandler<MemberNesStateChanged>>(sp => sp.GetRequiredService<JourneysOnScoreChanges>());
        services.AddScoped<IIntegrationEventHandler<MemberRfmTypeChanged>>(sp => sp.GetRequiredService<JourneysOnScoreChanges>());
        services.AddScoped<IIntegrationEventHandler<ScoringRunCompleted>, JourneysOnScoringRunCompleted>();
        services.AddScoped<IIntegrationEventHandler<MemberTierChanged>, JourneysOnTierChanged>();
        services.AddScoped<JourneysOnTagChanges>();
        services.AddScoped<IIntegrationEventHandler<MemberTagged>>(sp => sp.GetRequiredService<JourneysOnTagChanges>());
        services.AddScoped<IIntegrationEventHandler<MemberUntagged>>(sp => sp.GetRequiredService<JourneysOnTagChanges>());
        services.AddScoped<IIntegrationEventHandler<PurchaseRecorded>, JourneysOnPurchaseRecorded>();
        return services;
    }

    /// <summary>The marketing API's <c>/api/v1/auto-replies</c> and <c>/api/v1/journeys</c>, and the daily 09:00 entry job.</summary>
    public static WebApplication MapAutomationModule(this WebApplication app)
    {
        app.MapAutoRepliesApi();
        app.MapJourneysApi();
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<EnterScheduledJourneysJob>(
            EnterScheduledJourneysJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "0 9 * * *",
            new RecurringJobOptions { TimeZone = TaipeiTime.Zone });
        return app;
    }
}
