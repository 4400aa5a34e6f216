using Membership.Shared.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Membership.Testing.Modules;

/// <summary>
/// One module on a fresh PostgreSQL database, without the web host: the test class registers the module and the
/// fakes of what it calls; only the module's own migrations run.
/// </summary>
public abstract class ModuleDatabase : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public ServiceProvider Services { get; private set; } = default!;

    public AdjustableClock Clock { get; } = new();

    public FakeMembersModule Members { get; } = new();

    protected abstract void AddModule(IServiceCollection services, IConfiguration configuration);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Membership"] = _database.ConnectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<Membership.Contracts.Members.IMembersModule>(Members);
        AddModule(services, configuration);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        foreach (var migrator in Services.GetServices<IModuleMigrator>())
        {
            await migrator.MigrateAsync(CancellationToken.None);
        }
    }

    /// <summary>A fresh scope per call, the way a request or a job gets one.</summary>
    public T Get<T>()
        where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
