using Membership.Contracts.Common;

namespace Membership.Web.Integration;

/// <summary>
/// In demo mode, the keys named in README.md: POS (<c>MEMBERSHIP_DEMO_API_KEY</c>, default <c>demo-pos-key</c>) and
/// marketing (<c>MEMBERSHIP_DEMO_MARKETING_API_KEY</c>, default <c>demo-marketing-key</c>) and support
/// (<c>MEMBERSHIP_DEMO_SUPPORT_API_KEY</c>, default <c>demo-support-key</c>).
/// </summary>
internal sealed class DemoApiKeySeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoApiKeySeeder> logger) : IHostedService
{
    public const string KeyName = "Demo POS";
    public const string DefaultSecret = "demo-pos-key";
    public const string MarketingKeyName = "Demo marketing";
    public const string DefaultMarketingSecret = "demo-marketing-key";
    public const string SupportKeyName = "Demo support";
    public const string DefaultSupportSecret = "demo-support-key";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            return;
        }

        await SeedAsync(KeyName, PosSecretVariable, DefaultSecret, IntegrationApi.PosScope, cancellationToken);
        await SeedAsync(MarketingKeyName, "MEMBERSHIP_DEMO_MARKETING_API_KEY", DefaultMarketingSecret, IntegrationApi.MarketingScope, cancellationToken);
        await SeedAsync(SupportKeyName, "MEMBERSHIP_DEMO_SUPPORT_API_KEY", DefaultSupportSecret, IntegrationApi.SupportScope, cancellationToken);
    }

    /// <summary>The demo POS key's secret as seeded: <c>MEMBERSHIP_DEMO_API_KEY</c>, else the default (the demo's own POS calls use it).</summary>
    public static string PosSecret(IConfiguration configuration) => Secret(configuration, PosSecretVariable, DefaultSecret);

    private const string PosSecretVariable = "MEMBERSHIP_DEMO_API_KEY";

    private static string Secret(IConfiguration configuration, string variable, string fallback) =>
        string.IsNullOrWhiteSpace(configuration[variable]) ? fallback : configuration[variable]!.Trim();

    private async Task SeedAsync(string name, string variable, string fallback, string scope, CancellationToken ct)
    {
        var configured = configuration[variable];
        var secret = Secret(configuration, variable, fallback);
        await using var services = scopes.CreateAsyncScope();
        if (await services.ServiceProvider.GetRequiredService<ApiKeyDirectory>().EnsureSeededAsync(name, secret, [scope], ct))
        {
            logger.LogWarning("Demo mode: API key '{KeyName}' ({Scope}) created from {Source}", name, scope,
                string.IsNullOrWhiteSpace(configured) ? $"the default '{fallback}'" : variable);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
