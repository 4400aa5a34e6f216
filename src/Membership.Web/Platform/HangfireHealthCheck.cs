using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Membership.Web.Platform;

/// <summary>Healthy when Hangfire's storage answers and, where this instance runs jobs, a server has a recent heartbeat.</summary>
internal sealed class HangfireHealthCheck(JobStorage storage, IConfiguration configuration, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var stats = monitoring.GetStatistics();
            var now = clock.GetUtcNow().UtcDateTime;
            var liveServers = monitoring.Servers().Count(s => s.Heartbeat is { } beat && now - beat < TimeSpan.FromMinutes(1));
            var data = new Dictionary<string, object>
            {
                ["servers"] = liveServers,
                ["enqueued"] = stats.Enqueued,
                ["scheduled"] = stats.Scheduled,
                ["failed"] = stats.Failed,
                ["recurring"] = stats.Recurring,
            };
            var runsJobs = configuration.GetValue($"{JobsOptions.Section}:ServerEnabled", true);
            return Task.FromResult(runsJobs && liveServers == 0
                ? HealthCheckResult.Degraded("No Hangfire server has a recent heartbeat.", data: data)
                : HealthCheckResult.Healthy($"{liveServers} server(s)", data));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage is not reachable.", ex));
        }
    }
}
