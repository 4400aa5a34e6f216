extern alias web;

using System.Net;
using Membership.Testing.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebProgram = web::Program;

namespace Membership.Benchmarks.Infrastructure;

/// <summary>
/// The real web app in this process on a real Kestrel loopback port (as the web tests' LineSandbox does), with
/// production-like settings plus the given overrides.
/// </summary>
internal sealed class AppHost : IAsyncDisposable
{
    private readonly MembershipWebFactory<WebProgram> _factory;

    private AppHost(MembershipWebFactory<WebProgram> factory, Uri address, string environment)
    {
        _factory = factory;
        Address = address;
        Environment = environment;
    }

    public Uri Address { get; }

    public string Environment { get; }

    public IServiceProvider Services => _factory.Services;

    public static AppHost Start(string connectionString, IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            [WebHostDefaults.EnvironmentKey] = Environments.Production,
            ["Demo:Enabled"] = "false",
            ["Logging:Json"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // WebApplicationFactory looks for it through a test assembly's attributes; this program is not one.
            [WebHostDefaults.ContentRootKey] = Path.Combine(ProjectPaths.RepositoryRoot, "src", "Membership.Web"),
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var factory = new MembershipWebFactory<WebProgram>(connectionString, settings);
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AppHost(factory, new Uri(address), factory.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
