using Microsoft.AspNetCore.Builder;
using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Line.Client;
using Membership.Line.Events;
using Membership.Line.Greeting;
using Membership.Line.Inbox;
using Membership.Line.Persistence;
using Membership.Line.RichMenu;
using Membership.Line.Webhook;
using Membership.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Membership.Line;

public static class LineModuleExtensions
{
    /// <summary>
    /// The LINE channel: the Messaging API client, the webhook's durable inbox and its processor, the greeting.
    /// Configuration section <c>"Line"</c> (ApiBaseUrl, ChannelAccessToken, ChannelSecret, ChannelId, Inbox:*).
    /// </summary>
    public static IServiceCollection AddLineModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLineClient(configuration);
        services.AddModuleDbContext<LineDbContext>(configuration, LineDbContext.TablePrefix);
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<InboxSignal>();
        services.AddSingleton<InboxWriter>();
        services.AddSingleton<InboxProcessor>();
        if (configuration.GetValue($"{InboxOptions.SectionName}:ProcessorEnabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
        }

        services.AddScoped<InboxDispatcher>();
        services.AddScoped<FollowHandler>();
        services.AddScoped<UnfollowHandler>();
        services.AddScoped<ChatActivityHandler>();
        services.AddScoped<Greeter>();
        services.AddScoped<LineChannelSettings>();
        services.AddScoped<ILineChannelSettings>(sp => sp.GetRequiredService<LineChannelSettings>());
        services.AddScoped<ILineInbox, LineInbox>();
        services.AddScoped<RichMenuPostbackHandler>();
        services.AddScoped<IDefaultRichMenu, DefaultRichMenu>();
        services.AddScoped<IIntegrationEventHandler<MemberErased>, PurgeInboxOnMemberErased>();
        return services;
    }

    internal static IEndpointRouteBuilder MapLineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapLineWebhook();
        return app;
    }

    /// <summary>
    /// Registers <see cref="ILineMessagingClient"/> (typed HttpClient with LINE's retry rules) bound to section
    /// <c>"Line"</c>: ApiBaseUrl, DataApiBaseUrl, ChannelAccessToken, ChannelSecret, ChannelId, Resilience:*.
    /// Token and secret are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddLineClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<LineOptions>()
            .Bind(configuration.GetSection(LineOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LineOptions>, LineOptionsValidator>());

        services.AddHttpClient<ILineMessagingClient, LineMessagingClient>(client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns the timeouts
            })
            .RedactLoggedHeaders(_ => true) // never log the Authorization header (or any other) value
            .AddResilienceHandler("line-api", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<LineOptions>>().Value;
                LineRetryPolicy.Configure(builder, options.Resilience);
            });

        return services;
    }

    /// <summary>The module's endpoints and recurring jobs (STYLE.md §6: one call per module, in module order).</summary>
    public static WebApplication MapLineModule(this WebApplication app)
    {
        app.MapLineEndpoints();
        return app;
    }
}
