using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Membership.Broadcast.Dispatch;

/// <summary>
/// Sends due campaigns from this instance: claims one (a lease row claim with <c>FOR UPDATE SKIP LOCKED</c>, so each
/// campaign has one sender at a time across instances), sends it, and looks for the next; polls when idle. A send cut
/// short by a stop or a crash resumes from its stored batches on the next claim, by this instance or another. Due
/// occurrences of recurring series are made first.
/// </summary>
internal sealed partial class CampaignDispatcher(
    IServiceScopeFactory scopes, DispatchSignal signal, IOptions<BroadcastOptions> options, ILogger<CampaignDispatcher> logger)
    : BackgroundService
{
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Claims and sends one due campaign; false when none is due.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OccurrenceSpawner>().SpawnDueAsync(ct);
        var sender = scope.ServiceProvider.GetRequiredService<CampaignSender>();
        if (await sender.ClaimAsync(Owner, ct) is not { } campaignId)
        {
            return false;
        }

        await sender.RunAsync(campaignId, Owner, ct);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunOnceAsync(stoppingToken))
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(logger, ex);
                await Task.Delay(options.Value.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign dispatch failed; it is tried again")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
