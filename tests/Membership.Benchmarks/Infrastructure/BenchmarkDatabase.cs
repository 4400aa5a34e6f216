using System.Diagnostics;
using Membership.Testing;
using Npgsql;

namespace Membership.Benchmarks.Infrastructure;

/// <summary>
/// A fresh database for one benchmark, dropped afterwards (<see cref="PostgresDatabaseFixture"/>). The server is
/// <c>MEMBERSHIP_TEST_PG</c>, else the private one of <c>scripts/postgres.sh</c>, started when needed.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    public const string ScriptServer = "Host=127.0.0.1;Port=55432;Database=postgres;Username=membership;Password=membership";

    private readonly PostgresDatabaseFixture _fixture = new();

    private BenchmarkDatabase()
    {
    }

    public string ConnectionString => _fixture.ConnectionString;

    public string Server { get; private set; } = "";

    public static async Task<BenchmarkDatabase> CreateAsync()
    {
        var database = new BenchmarkDatabase();
        await ServerAsync();
        await database._fixture.InitializeAsync();
        database.Server = $"{PostgresDatabaseFixture.ServerVariable} -> database {database._fixture.DatabaseName}";
        return database;
    }

    public async ValueTask DisposeAsync() => await _fixture.DisposeAsync();

    /// <summary>The server's connection string (database <c>postgres</c>), starting scripts/postgres.sh's server when needed.</summary>
    public static async Task<string> ServerAsync()
    {
        if (Environment.GetEnvironmentVariable(PostgresDatabaseFixture.ServerVariable) is not { Length: > 0 })
        {
            if (!await AnswersAsync(ScriptServer))
            {
                await StartScriptServerAsync();
            }

            Environment.SetEnvironmentVariable(PostgresDatabaseFixture.ServerVariable, ScriptServer);
        }

        return new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresDatabaseFixture.ServerVariable)) { Database = "postgres" }.ConnectionString;
    }

    // A generous timeout: on a loaded machine a slow answer must not be taken for no server (and a second one started).
    private static async Task<bool> AnswersAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 15 }.ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task StartScriptServerAsync()
    {
        var script = Path.Combine(ProjectPaths.RepositoryRoot, "scripts", "postgres.sh");
        Console.WriteLine($"{PostgresDatabaseFixture.ServerVariable} is not set and nothing answers on 127.0.0.1:55432: {script} start");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"])
        {
            WorkingDirectory = ProjectPaths.RepositoryRoot,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException($"could not run {script}");
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} start exited with {process.ExitCode}");
        }
    }
}
