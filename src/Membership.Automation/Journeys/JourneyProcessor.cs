using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Membership.Automation.Journeys;

/// <summary>
/// Runs due journey steps in the background: woken when members enter here, and polling every second for runs other
/// instances made due or whose wait ended. Waits are rows with a due time, never timers, so a restart loses nothing.
/// </summary>
internal sealed partial class JourneyProcessor(IServiceScopeFactory scopes, JourneySignal signal, ILogger<JourneyProcessor> logger) : BackgroundService
{
    public const int BatchSize = 50;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <returns>How many runs were claimed.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JourneyRunner>().RunDueAsync(BatchSize, ct);
    }

    /// <summary>Runs until nothing is due (tests and benchmarks).</summary>
    public async Task<int> RunUntilIdleAsync(CancellationToken ct)
    {
        int claimed, total = 0;
        while ((claimed = await RunOnceAsync(ct)) > 0)
        {
            total += claimed;
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) < BatchSize)
                {
                    await signal.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLoopFailure(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Journey processor failed; retrying")]
    private static partial void LogLoopFailure(ILogger logger, Exception ex);
}
