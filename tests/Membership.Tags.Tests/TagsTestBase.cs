using Membership.Contracts.Tags;
using Membership.Members;
using Membership.Testing;
using Membership.Testing.Fakes;
using Npgsql;

namespace Membership.Tags.Tests;

/// <summary>The Tags module on its own database, with the real Members module (members are hand-written rows).</summary>
public abstract class TagsTestBase(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    internal ModuleServices Module { get; } = new(database.ConnectionString, (services, configuration) => services
        .AddMembersModule(configuration).AddTagsModule(configuration));

    internal ITagsModule Tags => Module.Scoped<ITagsModule>();

    internal static TagActor Staff { get; } = TagActor.Staff("staff@demo.local");

    public async Task InitializeAsync()
    {
        await Module.MigrateAsync();
        await ExecuteAsync("TRUNCATE members_members, tags_definitions, tags_assignments, tags_rules, tags_rule_firings, tags_outbox_messages CASCADE");
    }

    public async Task DisposeAsync() => await Module.DisposeAsync();

    internal async Task<Guid> MemberAsync(string code, string? mobile = null)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync("INSERT INTO members_members (id, member_code, status, gender, friend_status, created_at, mobile) VALUES (@id, @code, 1, 0, 0, now(), @mobile)",
            new NpgsqlParameter("id", id), new NpgsqlParameter("code", code), new NpgsqlParameter("mobile", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)mobile ?? DBNull.Value });
        return id;
    }

    internal async Task<Guid> TagAsync(string name) =>
        (await Tags.SaveTagAsync(new SaveTagRequest(null, name, null, null, TagKind.Manual, Staff))).Tag!.Id;

    internal async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal async Task ExecuteAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync();
    }
}
