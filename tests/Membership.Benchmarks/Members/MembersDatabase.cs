using System.Diagnostics;
using Membership.Benchmarks.Infrastructure;
using Membership.Members;
using Npgsql;

namespace Membership.Benchmarks.Members;

/// <summary>
/// A database of generated members kept between runs (<c>bench_members_&lt;count&gt;</c>): seeding a million takes minutes,
/// so it is seeded once (Members' demo generator, binary COPY) and reused until <c>--reseed</c>. Benchmarks that
/// write work on a copy (<see cref="CloneAsync"/>), so the seeded database stays as it was.
/// </summary>
internal sealed class MembersDatabase(string server, string name)
{
    public string Name => name;

    public string ConnectionString => For(name);

    public static async Task<MembersDatabase> OpenAsync(int members, bool reseed, Action<string> log)
    {
        var database = new MembersDatabase(await BenchmarkDatabase.ServerAsync(), $"bench_members_{members}");
        if (reseed)
        {
            await database.DropAsync(database.Name);
        }

        if (!await database.ExistsAsync())
        {
            await database.AdminAsync($"CREATE DATABASE \"{database.Name}\"");
            log($"database {database.Name} created");
        }

        return database;
    }

    /// <summary>Seeds <paramref name="members"/> into an empty members table (a previous run's complete seed is kept: one transaction).</summary>
    public async Task SeedAsync(AppHost app, int members, Action<string> log)
    {
        var watch = Stopwatch.StartNew();
        var written = await MembersModuleExtensions.SeedDemoMembersAsync(app.Services, members);
        if (written == 0)
        {
            log($"database {name} already seeded: reused (--reseed true to start again)");
            return;
        }

        log($"seeded {written:N0} members in {watch.Elapsed.TotalSeconds:F0} s; VACUUM ANALYZE…");
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
        log($"ready after {watch.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>A copy of the seeded database (file copy through <c>CREATE DATABASE … TEMPLATE</c>), for benchmarks that write.</summary>
    public async Task<MembersDatabase> CloneAsync(string suffix)
    {
        NpgsqlConnection.ClearAllPools(); // the template must have no open connections
        var clone = $"{name}_{suffix}";
        await DropAsync(clone);
        await AdminAsync($"CREATE DATABASE \"{clone}\" TEMPLATE \"{name}\"");
        return new MembersDatabase(server, clone);
    }

    /// <summary>A copy an earlier run kept (<see cref="CloneAsync"/> with the same suffix, not dropped).</summary>
    public MembersDatabase Kept(string suffix) => new(server, $"{name}_{suffix}");

    public Task DropSelfAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return DropAsync(name);
    }

    private string For(string database) => new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    private async Task<bool> ExistsAsync()
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    private Task DropAsync(string database) => AdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
