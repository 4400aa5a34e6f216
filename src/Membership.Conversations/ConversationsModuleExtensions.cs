using Hangfire;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Conversations.Api;
using Membership.Conversations.Canned;
using Membership.Conversations.Inbox;
using Membership.Conversations.Live;
using Membership.Conversations.Media;
using Membership.Conversations.Persistence;
using Membership.Conversations.Retention;
using Membership.Conversations.Surveys;
using Membership.Shared.Persistence;
using Membership.Shared.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Conversations;

public static class ConversationsModuleExtensions
{
    /// <summary>
    /// The staff chat inbox: an <see cref="ILineChatRecorder"/> for the Line module (every customer message, hand-off
    /// keywords), staff replies by reply token or push, and the <c>LISTEN/NOTIFY</c> listener that makes consoles live.
    /// Needs the Line, Members and Broadcast modules.
    /// </summary>
    public static IServiceCollection AddConversationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ConversationsDbContext>(configuration, ConversationsDbContext.TablePrefix);
        services.Configure<ConversationsOptions>(configuration.GetSection(ConversationsOptions.SectionName));
        services.AddScoped<IConversationsModule, ConversationsModule>();
        services.AddScoped<StaffReplies>();
        services.AddScoped<CampaignsInThread>();
        services.AddScoped<RetentionSettings>();
        services.AddScoped<PurgeExpiredContentJob>();
        services.AddScoped<ICannedResponses, CannedResponseStore>();
        services.AddScoped<MediaFetcher>();
        services.AddScoped<SurveyResponses>();
        services.AddScoped<SurveyChat>();
        services.AddScoped<ISurveys, SurveyStore>();
        services.AddSingleton<HandoffSettings>();
        services.AddScoped<ILineChatRecorder, ConversationRecorder>();
        services.AddScoped<IIntegrationEventHandler<MemberErased>, PurgeConversationOnMemberErased>();
        services.AddSingleton<ConversationSignals>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationSignals>());
        return services;
    }

    /// <summary>
    /// The support API's <c>/api/v1/conversations</c>, survey responses (scope marketing), the console's media of customer
    /// messages and survey CSV, and the nightly 03:30 retention purge.
    /// </summary>
    public static WebApplication MapConversationsModule(this WebApplication app)
    {
        app.MapConversationsApi();
        app.MapSurveysApi();
        app.MapSurveyExport();
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<PurgeExpiredContentJob>(
            PurgeExpiredContentJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), "30 3 * * *",
            new RecurringJobOptions { TimeZone = TaipeiTime.Zone });
        app.MapConversationMedia();
        return app;
    }
}
