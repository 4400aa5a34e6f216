using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Membership.Shared.Demo;

/// <summary>A module's demo data, written at start-up in Demo mode only (registered by the module's <c>Add…Module</c>).</summary>
public interface IDemoSeeder
{
    /// <summary>Lower runs first: members before purchases, purchases before scoring (see <see cref="DemoSeedOrder"/>).</summary>
    int Order { get; }

    /// <summary>Writes the demo data when it is not there yet; runs again at every demo start, so it must be idempotent.</summary>
    Task SeedAsync(CancellationToken ct);
}

public static class DemoSeedOrder
{
    public const int Members = 100;
    public const int Tags = 150;
    public const int Loyalty = 200;
    public const int Segmentation = 900;
}

public static class DemoSeedingExtensions
{
    /// <summary>In Demo mode (<c>Demo:Enabled</c>), every module's <see cref="IDemoSeeder"/> in order; nothing otherwise.</summary>
    public static async Task RunDemoSeedersAsync(this IHost host, CancellationToken ct = default)
    {
        if (!host.Services.GetRequiredService<IConfiguration>().GetValue("Demo:Enabled", false))
        {
            return;
        }

        await using var scope = host.Services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(ct);
        }
    }
}
