using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Membership.Shared.Persistence;

public static class MigrationHostExtensions
{
    /// <summary>
    /// Migrates every registered module context, in registration order, when
    /// <c>Database:MigrateOnStartup</c> is true (the default; production may turn it off).
    /// </summary>
    public static async Task MigrateModulesAsync(this IHost host, CancellationToken ct = default)
    {
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue("Database:MigrateOnStartup", true))
        {
            return;
        }

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrationHostExtensions));
        foreach (var migrator in host.Services.GetServices<IModuleMigrator>())
        {
            logger.LogInformation("Migrating {TablePrefix} tables", migrator.TablePrefix);
            await migrator.MigrateAsync(ct);
        }
    }
}
