using Membership.Contracts.Audit;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Shared.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Testing.Fakes;

/// <summary>
/// A module's services on a test database without the host: a fake clock (Taipei noon), recording fakes of Members,
/// LINE and the audit trail, the outbox dispatcher off. Call <see cref="MigrateAsync"/> first.
/// </summary>
public sealed class ModuleServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public ModuleServices(string connectionString, Action<IServiceCollection, IConfiguration> addModule)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Membership"] = connectionString,
            ["Outbox:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(CallRecorder.Create<IMembersModule>(out var members));
        services.AddSingleton(CallRecorder.Create<ILineMessagingClient>(out var line));
        services.AddSingleton(CallRecorder.Create<IAuditTrail>(out var audit));
        Members = members;
        Line = line;
        Audit = audit;
        addModule(services, configuration);
        _provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.Zero));

    public CallRecorder Members { get; }

    public CallRecorder Line { get; }

    public CallRecorder Audit { get; }

    public IServiceProvider Services => _provider;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>A new scope's service (handlers are scoped).</summary>
    public T Scoped<T>()
        where T : notnull => _provider.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task MigrateAsync()
    {
        foreach (var migrator in _provider.GetServices<IModuleMigrator>())
        {
            await migrator.MigrateAsync(CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
