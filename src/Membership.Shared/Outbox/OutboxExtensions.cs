using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Membership.Shared.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// Delivers the module's <c>&lt;prefix&gt;_outbox_messages</c> in the background (unless <c>Outbox:Enabled</c> is false),
    /// and deletes delivered messages after <c>Outbox:RetentionDays</c> (default 7): their payloads name members.
    /// </summary>
    public static IServiceCollection AddOutbox<TContext>(this IServiceCollection services, IConfiguration configuration, string tablePrefix)
        where TContext : DbContext
    {
        services.AddSingleton(sp => new OutboxDispatcher<TContext>(
            sp.GetRequiredService<IServiceScopeFactory>(), tablePrefix, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher<TContext>>>(),
            TimeSpan.FromDays(Math.Max(1, configuration.GetValue("Outbox:RetentionDays", 7)))));
        if (configuration.GetValue("Outbox:Enabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher<TContext>>());
        }

        return services;
    }
}
