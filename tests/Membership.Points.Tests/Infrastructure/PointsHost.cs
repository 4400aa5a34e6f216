using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Points.Persistence;
using Membership.Testing;
using Membership.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Membership.Points.Tests.Infrastructure;

/// <summary>The Points module on a fresh database of its own, with fake Members, LINE and clock.</summary>
public sealed class PointsHost : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private ServiceProvider? _services;

    internal FakeMembers Members { get; } = new();

    internal RecordingLineClient Line { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 4, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");

    public IPointsModule Points => Services.GetRequiredService<IPointsModule>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Membership"] = _database.ConnectionString + ";Maximum Pool Size=120",
                ["Outbox:Enabled"] = "false",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IMembersModule>(Members);
        services.AddSingleton<IMemberIntegration>(Members);
        services.AddSingleton<ILineMessagingClient>(Line);
        services.AddSingleton<IMemberLinks>(new FakeLinks());
        services.AddPointsModule(configuration);
        _services = services.BuildServiceProvider();
        await using var db = await Services.GetRequiredService<IDbContextFactory<PointsDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private sealed class FakeLinks : IMemberLinks
    {
        public string RegisterUrl(string lineUserId, TimeSpan? lifetime = null) => $"https://shop.example/m/register?u={lineUserId}";

        public string CardUrl(string lineUserId, TimeSpan? lifetime = null) => $"https://shop.example/m/card?u={lineUserId}";

        public string CardPageUrl(string path, string lineUserId, TimeSpan? lifetime = null) => $"https://shop.example{path}?u={lineUserId}";

        public string CreateToken(string lineUserId, MemberLinkPurpose purpose, TimeSpan? lifetime = null) => lineUserId;

        public string? ReadToken(string? token, MemberLinkPurpose purpose) => token;
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope, as a request or a job would.</summary>
    internal async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The ledger's invariant for one member: sum of entries = account balance = sum of lot remainders, never negative.</summary>
    public async Task AssertConsistentAsync(Guid memberId)
    {
        var ledger = await ScalarAsync($"SELECT coalesce(sum(points), 0) FROM points_ledger_entries WHERE member_id = '{memberId}'");
        var balance = await ScalarAsync($"SELECT coalesce(max(balance), 0) FROM points_accounts WHERE member_id = '{memberId}'");
        var lots = await ScalarAsync($"SELECT coalesce(sum(remaining), 0) FROM points_lots WHERE member_id = '{memberId}'");
        Assert.True(balance >= 0, $"balance {balance} is negative");
        Assert.Equal(balance, ledger);
        Assert.Equal(balance, lots);
    }
}
