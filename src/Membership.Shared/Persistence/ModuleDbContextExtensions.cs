using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Shared.Persistence;

public static class ModuleDbContextExtensions
{
    public const string ConnectionStringName = "Membership";

    /// <summary>
    /// Registers a module's DbContext factory on the one Membership database: snake_case names,
    /// the module's own migrations history table, and a migrator run at start-up in registration order.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(
        this IServiceCollection services, IConfiguration configuration, string tablePrefix)
        where TContext : DbContext
    {
        var connectionString = GetConnectionString(configuration);
        // Pooled: a purchase opens several contexts (key, member, tier, points), and a fresh one costs a service-provider walk each.
        services.AddPooledDbContextFactory<TContext>(options => options.UseMembershipDatabase(connectionString, tablePrefix));
        services.AddSingleton<IModuleMigrator>(sp => new ModuleMigrator<TContext>(sp, tablePrefix));
        return services;
    }

    public static DbContextOptionsBuilder UseMembershipDatabase(
        this DbContextOptionsBuilder options, string connectionString, string tablePrefix) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable($"{tablePrefix}_ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    public static string GetConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"Connection string 'ConnectionStrings:{ConnectionStringName}' is not set. " +
                "Set ConnectionStrings__Membership, or use ./run.sh which starts a private PostgreSQL.");
}
