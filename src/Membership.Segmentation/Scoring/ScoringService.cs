using Membership.Contracts.Segmentation;

namespace Membership.Segmentation.Scoring;

// Placeholder filled by the scoring work: every member throws until then.
internal sealed class ScoringService
{
    public Task<StartScoringResult> StartAsync(string requestedBy, CancellationToken ct) => throw new NotImplementedException();

    public Task<ScoringRun> RunAsync(Guid? runId, string requestedBy, CancellationToken ct) => throw new NotImplementedException();

    public Task<ScoringRun?> GetRunAsync(Guid runId, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<ScoringRun>> ListRunsAsync(int take, CancellationToken ct) => throw new NotImplementedException();

    public Task<MemberScores?> GetMemberScoresAsync(Guid memberId, bool english, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<ScoreTransition>> GetMemberTransitionsAsync(Guid memberId, CancellationToken ct) => throw new NotImplementedException();

    public Task<ScoringSettings> GetSettingsAsync(CancellationToken ct) => throw new NotImplementedException();

    public Task<SaveScoringSettingsResult> SaveSettingsAsync(ScoringSettings settings, string changedBy, CancellationToken ct) => throw new NotImplementedException();
}
