using Membership.Contracts.Line;
using Membership.Line.Events;
using Membership.Line.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Line.Inbox;

/// <summary>
/// Hands stored events to their handlers. Each worker claims one due event with <c>FOR UPDATE SKIP LOCKED</c>
/// (so several workers and several instances never take the same one) and never one of a LINE user whose
/// earlier event is still pending: a user's events are handled in timestamp order. Failures back off
/// exponentially; after <see cref="InboxOptions.MaxAttempts"/> the event is parked.
/// </summary>
internal sealed partial class InboxProcessor(
    IServiceScopeFactory scopes,
    InboxSignal signal,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<InboxProcessor> logger) : BackgroundService
{
    private const string ClaimSql = """
        SELECT * FROM line_inbox_events e
        WHERE e.status = 0 AND e.next_attempt_at <= {0}
          AND NOT EXISTS (
              SELECT 1 FROM line_inbox_events p
              WHERE p.status = 0 AND p.line_user_id = e.line_user_id
                AND (p.occurred_at, p.id) < (e.occurred_at, e.id))
        ORDER BY e.occurred_at, e.id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
        """;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => WorkAsync(stoppingToken)));

    /// <summary>Handles at most one event; false when none was due.</summary>
    public async Task<bool> ProcessOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LineDbContext>>().CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Not composed (FirstOrDefault would wrap the locking query in another LIMIT): the SQL already takes one row.
        var item = (await db.InboxEvents.FromSqlRaw(ClaimSql, clock.GetUtcNow()).ToListAsync(ct)).SingleOrDefault();
        if (item is null)
        {
            return false;
        }

        signal.Notify(); // there may be more: let another worker look while this one works
        try
        {
            var handled = await scope.ServiceProvider.GetRequiredService<InboxDispatcher>().DispatchAsync(item, db, ct);
            item.Status = handled ? InboxEventStatus.Handled : InboxEventStatus.Ignored;
            item.HandledAt = clock.GetUtcNow();
            item.LastError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            RecordFailure(item, ex);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!await ProcessOneAsync(ct))
                {
                    await signal.WaitAsync(options.Value.PollInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLoopFailure(ex); // the database is away, say: wait and try again
                await Task.Delay(options.Value.PollInterval, clock, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void RecordFailure(InboxEvent item, Exception ex)
    {
        item.Attempts++;
        var error = $"{ex.GetType().Name}: {ex.Message}";
        item.LastError = error.Length > 2000 ? error[..2000] : error;
        if (item.Attempts >= options.Value.MaxAttempts)
        {
            item.Status = InboxEventStatus.Parked;
            LogParked(ex, item.WebhookEventId, item.EventType, item.Attempts);
            return;
        }

        item.NextAttemptAt = clock.GetUtcNow() + RetryDelay(item.Attempts);
        LogRetry(ex, item.WebhookEventId, item.EventType, item.Attempts);
    }

    /// <summary>Exponential with full jitter between half and the whole step, capped.</summary>
    private TimeSpan RetryDelay(int attempts)
    {
        var step = options.Value.FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = step < options.Value.MaxRetryDelay ? step : options.Value.MaxRetryDelay;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE event {WebhookEventId} ({EventType}) failed, attempt {Attempts}; will retry")]
    private partial void LogRetry(Exception ex, string webhookEventId, string eventType, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "LINE event {WebhookEventId} ({EventType}) parked after {Attempts} attempts")]
    private partial void LogParked(Exception ex, string webhookEventId, string eventType, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox processor loop failed; retrying")]
    private partial void LogLoopFailure(Exception ex);
}
