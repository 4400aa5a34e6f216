using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Shared.Persistence;

/// <summary>Applies one module context's migrations; the host runs all of them in registration order.</summary>
public interface IModuleMigrator
{
    string TablePrefix { get; }

    Task MigrateAsync(CancellationToken ct);
}

internal sealed class ModuleMigrator<TContext>(IServiceProvider services, string tablePrefix) : IModuleMigrator
    where TContext : DbContext
{
    public string TablePrefix => tablePrefix;

    public async Task MigrateAsync(CancellationToken ct)
    {
        var factory = services.GetRequiredService<IDbContextFactory<TContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        // On a fresh database EF reads the history table that is not there yet (its own Exists check does the same
        // read) and logs the failed read as an error: one ERR line per module at first start. Asking the catalogue
        // first and creating the empty table avoids the failed read.
        var exists = await db.Database
            .SqlQueryRaw<bool>("SELECT to_regclass({0}) IS NOT NULL AS \"Value\"", $"{tablePrefix}_ef_migrations_history")
            .SingleAsync(ct);
        if (!exists)
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        }

        // A migration may rewrite or index a large table (millions of purchases): no 30 s command timeout for it.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync(ct);
    }
}
