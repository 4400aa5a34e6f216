namespace Membership.Points.Expiry;

/// <summary>Nightly: expires what is left of the lots that are due.</summary>
internal sealed class ExpirePointsJob
{
    public Task RunAsync(CancellationToken ct) => Task.CompletedTask;
}
