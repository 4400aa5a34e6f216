using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;
using Membership.Segmentation.Dashboards;
using Membership.Segmentation.Scoring;
using Membership.Segmentation.Segments;

namespace Membership.Segmentation;

/// <summary>The module's surface: scoring, segments and dashboards each live in their own folder.</summary>
internal sealed class SegmentationModule(ScoringService scoring, SegmentService segments, DashboardQueries dashboards) : ISegmentationModule
{
    public Task<StartScoringResult> StartScoringRunAsync(string requestedBy, CancellationToken ct = default) => scoring.StartAsync(requestedBy, ct);

    public Task<ScoringRun> RunScoringAsync(Guid? runId, string requestedBy, CancellationToken ct = default) => scoring.RunAsync(runId, requestedBy, ct);

    public Task<ScoringRun?> GetScoringRunAsync(Guid runId, CancellationToken ct = default) => scoring.GetRunAsync(runId, ct);

    public Task<IReadOnlyList<ScoringRun>> ListScoringRunsAsync(int take, CancellationToken ct = default) => scoring.ListRunsAsync(take, ct);

    public Task<MemberScores?> GetMemberScoresAsync(Guid memberId, bool english = false, CancellationToken ct = default) =>
        scoring.GetMemberScoresAsync(memberId, english, ct);

    public Task<IReadOnlyList<ScoreTransition>> GetMemberTransitionsAsync(Guid memberId, CancellationToken ct = default) =>
        scoring.GetMemberTransitionsAsync(memberId, ct);

    public Task<ScoringSettings> GetSettingsAsync(CancellationToken ct = default) => scoring.GetSettingsAsync(ct);

    public Task<SaveScoringSettingsResult> SaveSettingsAsync(ScoringSettings settings, string changedBy, CancellationToken ct = default) =>
        scoring.SaveSettingsAsync(settings, changedBy, ct);

    public SegmentDefinitionParseResult ParseDefinition(string json) => segments.Parse(json);

    public string ToJson(SegmentNode definition) => segments.ToJson(definition);

    public IReadOnlyList<SegmentDefinitionError> Validate(SegmentNode definition) => segments.Validate(definition);

    public Task<SegmentCount> CountAsync(SegmentNode definition, CancellationToken ct = default) => segments.CountAsync(definition, ct);

    public Task<PagedResult<SegmentMember>> ListMembersAsync(SegmentNode definition, PageRequest page, CancellationToken ct = default) =>
        segments.ListMembersAsync(definition, page, ct);

    public Task<IReadOnlyList<SegmentMember>> SampleAsync(SegmentNode definition, int take, CancellationToken ct = default) =>
        segments.SampleAsync(definition, take, ct);

    public SegmentSql CompileMemberIds(SegmentNode definition) => segments.CompileMemberIds(definition);

    public IAsyncEnumerable<Guid> StreamMemberIdsAsync(SegmentNode definition, CancellationToken ct = default) =>
        segments.StreamMemberIdsAsync(definition, ct);

    public Task<SaveSegmentResult> SaveSegmentAsync(SaveSegmentRequest request, CancellationToken ct = default) => segments.SaveAsync(request, ct);

    public Task<IReadOnlyList<SavedSegment>> ListSegmentsAsync(CancellationToken ct = default) => segments.ListAsync(ct);

    public Task<SavedSegment?> GetSegmentAsync(Guid segmentId, CancellationToken ct = default) => segments.GetAsync(segmentId, ct);

    public Task<bool> DeleteSegmentAsync(Guid segmentId, string deletedBy, CancellationToken ct = default) =>
        segments.DeleteAsync(segmentId, deletedBy, ct);

    public Task<SegmentationDashboard> GetDashboardAsync(CancellationToken ct = default) => dashboards.GetAsync(ct);
}
