using Membership.Contracts.Line;
using Membership.Line.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Membership.Line;

public static class LineModuleExtensions
{
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
}
