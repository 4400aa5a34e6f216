using Membership.Contracts.Common;
using Membership.Shared.Outbox;
using Membership.Shared.Persistence;
using Membership.Shared.Tests.Persistence;
using Membership.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Shared.Tests.Outbox;

public sealed record WidgetShipped(Guid WidgetId, string Store);

public sealed class OutboxDispatcherTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_saved_event_reaches_every_handler_once_and_is_marked_processed()
    {
        await using var services = Services(new RecordingHandler(), new RecordingHandler());
        var id = await SaveAsync(new WidgetShipped(Guid.NewGuid(), "台北信義店"));

        var first = await Dispatcher(services).DispatchBatchAsync(CancellationToken.None);
        var second = await Dispatcher(services).DispatchBatchAsync(CancellationToken.None);

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        Assert.All(services.GetServices<IIntegrationEventHandler<WidgetShipped>>().Cast<RecordingHandler>(),
            h => Assert.Equal([(id, "台北信義店")], h.Seen));
        Assert.NotNull(await ScalarAsync<DateTime?>($"SELECT processed_at FROM widgets_outbox_messages WHERE id = '{id}'"));
    }

    [Fact]
    public async Task A_failing_handler_leaves_the_event_for_a_later_try_with_the_error()
    {
        await using var services = Services(new FailingHandler());
        var id = await SaveAsync(new WidgetShipped(Guid.NewGuid(), "高雄店"));

        await Dispatcher(services).DispatchBatchAsync(CancellationToken.None);

        Assert.Null(await ScalarAsync<DateTime?>($"SELECT processed_at FROM widgets_outbox_messages WHERE id = '{id}'"));
        Assert.Equal(1, await ScalarAsync<int>($"SELECT attempts FROM widgets_outbox_messages WHERE id = '{id}'"));
        Assert.Equal("stock system down", await ScalarAsync<string>($"SELECT last_error FROM widgets_outbox_messages WHERE id = '{id}'"));
    }

    [Fact]
    public async Task Delivered_messages_past_the_retention_are_deleted_and_undelivered_ones_stay()
    {
        await using var services = Services(new RecordingHandler());
        var old = await SaveAsync(new WidgetShipped(Guid.NewGuid(), "台中店"));
        var recent = await SaveAsync(new WidgetShipped(Guid.NewGuid(), "台南店"));
        await Dispatcher(services).DispatchBatchAsync(CancellationToken.None);
        var undelivered = await SaveAsync(new WidgetShipped(Guid.NewGuid(), "新竹店"));
        await ScalarAsync<int>($"""
            WITH u AS (UPDATE widgets_outbox_messages SET processed_at = now() - interval '8 days' WHERE id = '{old}' RETURNING 1)
            SELECT count(*)::int FROM u
            """);
        await ScalarAsync<int>($"""
            WITH u AS (UPDATE widgets_outbox_messages SET occurred_at = now() - interval '30 days', attempts = 10 WHERE id = '{undelivered}' RETURNING 1)
            SELECT count(*)::int FROM u
            """);

        var deleted = await Dispatcher(services).PurgeDeliveredAsync(CancellationToken.None);
        var again = await Dispatcher(services).PurgeDeliveredAsync(CancellationToken.None);

        Assert.True(deleted >= 1);
        Assert.Equal(0, again);
        Assert.Equal(0, await ScalarAsync<int>($"SELECT count(*)::int FROM widgets_outbox_messages WHERE id = '{old}'"));
        Assert.Equal(1, await ScalarAsync<int>($"SELECT count(*)::int FROM widgets_outbox_messages WHERE id = '{recent}'"));
        Assert.Equal(1, await ScalarAsync<int>($"SELECT count(*)::int FROM widgets_outbox_messages WHERE id = '{undelivered}'"));
    }

    private ServiceProvider Services(params IIntegrationEventHandler<WidgetShipped>[] handlers)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Membership"] = database.ConnectionString,
            ["Outbox:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddModuleDbContext<WidgetsDbContext>(configuration, "widgets").AddOutbox<WidgetsDbContext>(configuration, "widgets");
        foreach (var handler in handlers)
        {
            services.AddSingleton(handler);
        }

        return services.BuildServiceProvider();
    }

    private static OutboxDispatcher<WidgetsDbContext> Dispatcher(IServiceProvider services) =>
        services.GetRequiredService<OutboxDispatcher<WidgetsDbContext>>();

    private async Task<Guid> SaveAsync(WidgetShipped shipped)
    {
        var (type, payload) = OutboxMessages.Serialize(shipped);
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS widgets_outbox_messages (
                id uuid PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL, occurred_at timestamptz NOT NULL,
                processed_at timestamptz, attempts integer NOT NULL DEFAULT 0, last_error text);
            INSERT INTO widgets_outbox_messages (id, type, payload, occurred_at) VALUES (@id, @type, @payload::jsonb, now());
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    private sealed class RecordingHandler : IIntegrationEventHandler<WidgetShipped>
    {
        public List<(Guid MessageId, string Store)> Seen { get; } = [];

        public Task HandleAsync(WidgetShipped integrationEvent, Guid messageId, CancellationToken ct)
        {
            Seen.Add((messageId, integrationEvent.Store));
            return Task.CompletedTask;
        }
    }

    private sealed class FailingHandler : IIntegrationEventHandler<WidgetShipped>
    {
        public Task HandleAsync(WidgetShipped integrationEvent, Guid messageId, CancellationToken ct) =>
            throw new InvalidOperationException("stock system down");
    }
}
