using Membership.Contracts.Segmentation;

namespace Membership.Segmentation.Scoring;

/// <summary>Hangfire: the nightly run (03:00 Taipei) and runs queued from the console or the API.</summary>
internal sealed class ScoreMembersJob(ScoringService scoring)
{
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await scoring.RunAsync(null, "nightly", ct);
        }
        catch (ScoringRunActiveException)
        {
            // A run started on demand is already doing tonight's work.
        }
    }

    public Task<ScoringRun> RunQueuedAsync(Guid runId, CancellationToken ct) => scoring.RunAsync(runId, "queued", ct);
}
