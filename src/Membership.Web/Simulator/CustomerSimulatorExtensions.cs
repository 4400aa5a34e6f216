namespace Membership.Web.Simulator;

/// <summary>
/// The customer simulator (demo mode): an admin page acting as LINE users through the LINE emulator's
/// inspection API. Enabled only when <c>Line:EmulatorBaseUrl</c> is set.
/// </summary>
internal static class CustomerSimulatorExtensions
{
    public const string EmulatorBaseUrlKey = "Line:EmulatorBaseUrl";

    public static IServiceCollection AddCustomerSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        var options = SimulatorOptions.From(configuration);
        services.AddSingleton(options);
        services.AddScoped<SimulatorSession>(); // one per circuit: what the user sent stays while the tab lives
        services.AddHttpClient<EmulatorClient>(client =>
        {
            if (options.EmulatorBaseUrl is not null)
            {
                client.BaseAddress = options.EmulatorBaseUrl;
            }

            client.Timeout = TimeSpan.FromSeconds(5);
        });
        if (options.IsEnabled && configuration.GetValue("Demo:Enabled", false) && configuration.GetValue("Demo:Members", 0) > 0)
        {
            // A customer's tap on a tracked link ends at the app's redirect: the shop behind it is not part of the demo.
            services.AddHttpClient(nameof(DemoCampaignPlayer))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
                .RemoveAllLoggers();
            services.AddHostedService<DemoCampaignPlayer>();
        }

        return services;
    }
}

/// <param name="EmulatorBaseUrl">The emulator's address; null means the simulator is off (production).</param>
/// <param name="AccountName">The official account's name in the phone's header (<c>Simulator:AccountName</c>); null: a default text.</param>
internal sealed record SimulatorOptions(Uri? EmulatorBaseUrl, string? AccountName)
{
    public bool IsEnabled => EmulatorBaseUrl is not null;

    public static SimulatorOptions From(IConfiguration configuration)
    {
        var url = configuration[CustomerSimulatorExtensions.EmulatorBaseUrlKey];
        var baseUrl = Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" ? parsed : null;
        var name = configuration["Simulator:AccountName"];
        return new SimulatorOptions(baseUrl, string.IsNullOrWhiteSpace(name) ? null : name);
    }
}
