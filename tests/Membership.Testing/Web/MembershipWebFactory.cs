using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Membership.Testing.Web;

/// <summary>The real host (<typeparamref name="TProgram"/> is the web project's Program) on a real PostgreSQL database, demo staff seeded.</summary>
public class MembershipWebFactory<TProgram>(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<TProgram>
    where TProgram : class
{
    public const string DemoPassword = "Test-Password-2026";

    /// <summary>The app's public address in tests: campaign links become <c>{base}/r/{token}</c>, images <c>{base}/media/…</c>.</summary>
    public const string TrackedLinkBase = "https://crm.test.example";

    /// <summary>The LINE channel secret webhooks must be signed with, unless a test gives its own.</summary>
    public const string LineChannelSecret = "test-channel-secret-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Membership", connectionString);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("MEMBERSHIP_DEMO_PASSWORD", DemoPassword);
        builder.UseSetting("Jobs:QueuePollIntervalMs", "200");
        builder.UseSetting("Logging:Json", "false");
        builder.UseSetting("Line:ApiBaseUrl", "http://127.0.0.1:9"); // no LINE here: tests that need one use the emulator
        builder.UseSetting("Line:ChannelAccessToken", "test-channel-access-token");
        builder.UseSetting("Line:ChannelSecret", LineChannelSecret);
        builder.UseSetting("Line:ChannelId", "1000000001");
        builder.UseSetting("Broadcast:PublicBaseUrl", TrackedLinkBase);
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
public class WebAppFixture<TProgram> : IAsyncLifetime
    where TProgram : class
{
    private readonly PostgresDatabaseFixture _database = new();

    private AsyncServiceScope _scope;

    public MembershipWebFactory<TProgram> Factory { get; private set; } = default!;

    /// <summary>A service scope of the running host, for calling services the way a request would.</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Factory = CreateFactory(_database.ConnectionString);
        _ = Factory.Server; // start now: migrations and seeding run once per class
        _scope = Factory.Services.CreateAsyncScope();
    }

    protected virtual MembershipWebFactory<TProgram> CreateFactory(string connectionString) => new(connectionString);

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
