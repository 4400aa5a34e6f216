using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Membership.Shared.Persistence;

public static class ModuleDbContextExtensions
{
    public const string ConnectionStringName = "Membership";

    /// <summary>
    /// Registers a module's DbContext factory on the one Membership database: snake_case names,
    /// the module's own migrations history table, and a migrator run at start-up in registration order.
    /// </summary>
    /// <param name="configure">More options of the module's own (pooled contexts may not set options in OnConfiguring).</param>
    public static IServiceCollection AddModuleDbContext<TContext>(
        this IServiceCollection services, IConfiguration configuration, string tablePrefix, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        services.TryAddSingleton(_ => BuildDataSource(GetConnectionString(configuration)));
        // Pooled: a purchase opens several contexts (key, member, tier, points), and a fresh one costs a service-provider walk each.
        services.AddPooledDbContextFactory<TContext>((sp, options) =>
        {
            options.UseMembershipDatabase(sp.GetRequiredService<NpgsqlDataSource>(), tablePrefix);
            configure?.Invoke(options);
        });
        services.AddSingleton<IModuleMigrator>(sp => new ModuleMigrator<TContext>(sp, tablePrefix));
        return services;
    }

    /// <summary>
    /// The one data source every module's contexts and raw SQL share. Statements run twice on a connection are prepared
    /// (PostgreSQL then skips parsing and planning them), unless the connection string sets a Max Auto Prepare of its own.
    /// A connection goes back to the pool without the session reset (three statements on its next use): no module keeps
    /// session state (temp tables are ON COMMIT DROP, advisory locks transaction-scoped, no session SETs).
    /// </summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 100;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        return builder.Build();
    }

    public static DbContextOptionsBuilder UseMembershipDatabase(
        this DbContextOptionsBuilder options, NpgsqlDataSource dataSource, string tablePrefix) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable($"{tablePrefix}_ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>For design-time tools and model checks, which need no shared pool.</summary>
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
