using System.Net;
using Membership.Testing;
using Membership.Testing.Line;
using Membership.Testing.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Membership.Web.BrowserTests;

/// <summary>
/// The real app on a real Kestrel port over a fresh database, driven by Debian's headless Chromium
/// (no browser download: <c>MEMBERSHIP_CHROMIUM</c> or /usr/bin/chromium).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    /// <summary>The LINE emulator the app talks to (and the customer simulator shows).</summary>
    public EmulatorServer Line { get; } = new();
    private MembershipWebFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private AsyncServiceScope _scope;

    /// <summary>What campaign links are rewritten to (<c>{base}/r/{token}</c>); the test follows their path on <see cref="BaseUrl"/>.</summary>
    public const string TrackedLinkBase = MembershipWebFactory<Program>.TrackedLinkBase;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The running app's services, for arranging data the way the app itself would.</summary>
    public IServiceProvider Services => _factory!.Services;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await Line.InitializeAsync();
        _factory = new MembershipWebFactory<Program>(_database.ConnectionString, Line.AppSettings);
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0)); // UseKestrel(0) binds 5000
        _factory.StartServer();
        _scope = _factory.Services.CreateAsyncScope();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await Line.SetWebhookAsync($"{BaseUrl.TrimEnd('/')}/line/webhook");

        var chromium = Environment.GetEnvironmentVariable("MEMBERSHIP_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {chromium}: install Debian's chromium (./test.sh does) or set MEMBERSHIP_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            TimezoneId = "Asia/Taipei",
        });
        context.SetDefaultTimeout(30_000); // generous: CI machines have 2 cores
        Assertions.SetDefaultExpectTimeout(15_000); // Expect(...) waits 5 s by default: too short for a loaded 2-core runner
        context.SetDefaultNavigationTimeout(45_000);
        return await context.NewPageAsync();
    }

    /// <summary>A service of the running app, from one scope kept for the fixture's life.</summary>
    public T Service<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public async Task<int> StaffCountAsync()
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var counts = await scope.ServiceProvider.GetRequiredService<Membership.Web.Staff.StaffDirectory>().CountByRoleAsync();
        return counts.Values.Sum();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _scope.DisposeAsync();
            await _factory.DisposeAsync();
        }

        await Line.DisposeAsync();
        await _database.DisposeAsync();
    }
}
