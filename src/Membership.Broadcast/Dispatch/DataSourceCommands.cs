using Npgsql;

namespace Membership.Broadcast.Dispatch;

internal static class DataSourceCommands
{
    /// <summary>Runs one statement with named parameters on a pooled connection.</summary>
    public static async Task ExecuteAsync(this NpgsqlDataSource dataSource, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}
