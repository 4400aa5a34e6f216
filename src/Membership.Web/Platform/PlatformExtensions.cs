using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Membership.Contracts.Audit;
using Membership.Shared.Persistence;
using Membership.Web.Audit;
using Membership.Web.Persistence;
using Serilog;
using Serilog.Formatting.Compact;

namespace Membership.Web.Platform;

internal static class PlatformExtensions
{
    /// <summary>Serilog, the clock, the host's own tables, the audit trail, Hangfire and health checks.</summary>
    public static WebApplicationBuilder AddMembershipPlatform(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(configuration).ReadFrom.Services(services).Enrich.FromLogContext();
            if (configuration.GetValue("Logging:Json", !builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Demo")))
            {
                logger.WriteTo.Console(new CompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddModuleDbContext<AppDbContext>(configuration, AppDbContext.TablePrefix);
        builder.Services.AddScoped<IAuditTrail, AuditTrail>();

        builder.Services.AddHangfireOnPostgres(configuration);
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
            .AddCheck<HangfireHealthCheck>("hangfire", tags: ["ready"]);
        return builder;
    }

    private static IServiceCollection AddHangfireOnPostgres(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var connectionString = ModuleDbContextExtensions.GetConnectionString(configuration);
        // Hangfire.AspNetCore would hand out JobStorage.Current, a static that the last host built in this process
        // overwrites: two hosts in one process (tests) then enqueue into each other's database. Each host owns its storage.
        services.AddSingleton<JobStorage>(_ =>
        {
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                QueuePollInterval = TimeSpan.FromMilliseconds(options.QueuePollIntervalMs),
                PrepareSchemaIfNecessary = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
        // The same for the job activator: Hangfire.AspNetCore hands the server JobActivator.Current, which the last host
        // configured, so a job could run in another (or an already disposed) host's services ("run … does not exist").
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        if (options.ServerEnabled)
        {
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = options.WorkerCount;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return services;
    }
}

internal sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this instance runs jobs; the dashboard and enqueueing work either way.</summary>
    public bool ServerEnabled { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount);

    public int QueuePollIntervalMs { get; set; } = 1000;
}
