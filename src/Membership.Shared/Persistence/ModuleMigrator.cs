using Microsoft.EntityFrameworkCore;
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
        await db.Database.MigrateAsync(ct);
    }
}
