namespace Membership.Web.Integration;

/// <summary>In demo mode, the POS key named in README.md (<c>MEMBERSHIP_DEMO_API_KEY</c>, default <c>demo-pos-key</c>).</summary>
internal sealed class DemoApiKeySeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoApiKeySeeder> logger) : IHostedService
{
    public const string KeyName = "Demo POS";
    public const string DefaultSecret = "demo-pos-key";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            return;
        }

        var configured = configuration["MEMBERSHIP_DEMO_API_KEY"];
        var secret = string.IsNullOrWhiteSpace(configured) ? DefaultSecret : configured.Trim();
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<ApiKeyDirectory>().EnsureSeededAsync(KeyName, secret, cancellationToken))
        {
            logger.LogWarning(
                "Demo mode: API key '{KeyName}' created from {Source}", KeyName,
                string.IsNullOrWhiteSpace(configured) ? $"the default '{DefaultSecret}'" : "MEMBERSHIP_DEMO_API_KEY");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
