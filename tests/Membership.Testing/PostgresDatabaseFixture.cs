using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;
using Xunit;

namespace Membership.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class. The server comes from
/// <c>MEMBERSHIP_TEST_PG</c> (a connection string; ./test.sh starts one), else from Testcontainers
/// where Docker runs. The database is dropped when the class is done.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public const string ServerVariable = "MEMBERSHIP_TEST_PG";

    private PostgreSqlContainer? _container;
    private string? _adminConnectionString;
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not ready.");

    public string DatabaseName { get; } = $"test_{Guid.NewGuid():N}";

    /// <summary>Hand-written SQL on the test database: hand-built rows, or resetting tables between tests.</summary>
    public async Task ExecuteAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A <c>count(*)</c> (or any single number) read from the test database.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : await StartContainerAsync();

        var admin = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = DatabaseName }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_adminConnectionString is null || _connectionString is null)
        {
            return; // initialisation failed: its own error is the one to read
        }

        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private async Task<string> StartContainerAsync()
    {
        try
        {
            _container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await _container.StartAsync();
            return _container.GetConnectionString();
        }
        catch (DockerUnavailableException ex)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL for the tests: set {ServerVariable} to a connection string of a server whose user may " +
                "create databases (e.g. \"Host=127.0.0.1;Port=55432;Username=membership;Password=membership\"), " +
                "or run ./test.sh, which starts one; Testcontainers needs Docker, and Docker is not running here.", ex);
        }
    }
}
