using Membership.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Web.Tests.Infrastructure;

/// <summary>The real host on a real PostgreSQL database, demo staff accounts seeded.</summary>
public sealed class MembershipWebFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Test-Password-2026";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Membership", connectionString);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("MEMBERSHIP_DEMO_PASSWORD", DemoPassword);
        builder.UseSetting("Jobs:QueuePollIntervalMs", "200");
        builder.UseSetting("Logging:Json", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateBrowserlessClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });
}

/// <summary>One database and one host per test class.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    private AsyncServiceScope _scope;

    public MembershipWebFactory Factory { get; private set; } = default!;

    /// <summary>A service scope of the running host, for calling services the way a request would.</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Factory = new MembershipWebFactory(_database.ConnectionString);
        _ = Factory.Server; // start now: migrations and seeding run once per class
        _scope = Factory.Services.CreateAsyncScope();
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await _scope.DisposeAsync();
            await Factory.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
