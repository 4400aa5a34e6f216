namespace Membership.Points.Expiry;

/// <summary>Daily: reminds LINE friends whose points expire within 30 days, once per expiry date.</summary>
internal sealed class RemindExpiringPointsJob
{
    public Task RunAsync(CancellationToken ct) => Task.CompletedTask;
}
