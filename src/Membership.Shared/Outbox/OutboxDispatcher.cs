using System.Reflection;
using System.Text.Json;
using Membership.Contracts.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Membership.Shared.Outbox;

/// <summary>
/// Delivers the events a module saved in its <c>&lt;prefix&gt;_outbox_messages</c> table to every
/// <see cref="IIntegrationEventHandler{TEvent}"/> in the process, at least once, oldest first. Rows are claimed
/// with <c>FOR UPDATE SKIP LOCKED</c>, so several instances share the work; failures are retried with backoff.
/// Once an hour, delivered messages older than the retention are deleted; undelivered ones stay for a look.
/// </summary>
internal sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    string tablePrefix,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TContext>> logger,
    TimeSpan retention) : BackgroundService
    where TContext : DbContext
{
    private const int MaxAttempts = 10;
    private const int PurgeBatch = 5_000;
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    // The table name is the module's fixed prefix (checked below), never user input.
    private readonly string _claimSql = $$"""
        SELECT id, type, payload::text AS payload, attempts FROM {{Checked(tablePrefix)}}_outbox_messages
        WHERE processed_at IS NULL AND attempts < {{MaxAttempts}}
          AND (attempts = 0 OR occurred_at + (interval '1 second' * power(2, attempts)) <= {0})
        ORDER BY occurred_at LIMIT 20 FOR UPDATE SKIP LOCKED
        """;

    private readonly string _doneSql = $"UPDATE {tablePrefix}_outbox_messages SET processed_at = {{0}}, last_error = NULL WHERE id = {{1}}";

    private readonly string _failedSql = $"UPDATE {tablePrefix}_outbox_messages SET attempts = attempts + 1, last_error = {{0}} WHERE id = {{1}}";

    // Bounded batches: a first purge after a long time must not hold locks on a big table for long.
    private readonly string _purgeSql = $$"""
        DELETE FROM {{tablePrefix}}_outbox_messages WHERE id IN (
            SELECT id FROM {{tablePrefix}}_outbox_messages WHERE processed_at < {0} LIMIT {{PurgeBatch}})
        """;

    private string Table => $"{tablePrefix}_outbox_messages";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= _nextPurge)
                {
                    await PurgeDeliveredAsync(stoppingToken);
                    _nextPurge = clock.GetUtcNow() + PurgeEvery;
                }

                if (await DispatchBatchAsync(stoppingToken) == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLoopFailure(ex, Table);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <returns>How many messages were looked at.</returns>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var batch = await db.Database.SqlQueryRaw<OutboxRow>(_claimSql, now).ToListAsync(ct);

        foreach (var row in batch)
        {
            try
            {
                await DeliverAsync(scope.ServiceProvider, row, ct);
                await db.Database.ExecuteSqlRawAsync(_doneSql, [now, row.Id], ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogDeliveryFailure(ex, row.Type, row.Id);
                var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                await db.Database.ExecuteSqlRawAsync(_failedSql, [error, row.Id], ct);
            }
        }

        await transaction.CommitAsync(ct);
        return batch.Count;
    }

    /// <returns>How many delivered messages older than the retention were deleted.</returns>
    public async Task<int> PurgeDeliveredAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync(ct);
        var before = clock.GetUtcNow() - retention;
        int deleted, total = 0;
        do
        {
            deleted = await db.Database.ExecuteSqlRawAsync(_purgeSql, [before], ct);
            total += deleted;
        }
        while (deleted == PurgeBatch);

        return total;
    }

    private static async Task DeliverAsync(IServiceProvider services, OutboxRow row, CancellationToken ct)
    {
        var eventType = Type.GetType(row.Type, throwOnError: true)!;
        var integrationEvent = JsonSerializer.Deserialize(row.Payload, eventType, OutboxMessages.Json)!;
        var handlerType = typeof(IIntegrationEventHandler<>).MakeGenericType(eventType);
        var handle = handlerType.GetMethod(nameof(IIntegrationEventHandler<object>.HandleAsync))!;
        foreach (var handler in services.GetServices(handlerType))
        {
            await (Task)handle.Invoke(handler, BindingFlags.DoNotWrapExceptions, null, [integrationEvent, row.Id, ct], null)!;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Type} {MessageId} failed; will retry")]
    private partial void LogDeliveryFailure(Exception ex, string type, Guid messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatcher of {Table} failed; retrying")]
    private partial void LogLoopFailure(Exception ex, string table);

    private static string Checked(string prefix) =>
        prefix.All(c => char.IsAsciiLetterLower(c) || c == '_') ? prefix : throw new ArgumentException($"Bad table prefix '{prefix}'.");

    internal sealed record OutboxRow(Guid Id, string Type, string Payload, int Attempts);
}
