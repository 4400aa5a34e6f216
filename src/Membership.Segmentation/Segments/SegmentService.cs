using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;

namespace Membership.Segmentation.Segments;

// Placeholder filled by the segments work: every member throws until then.
internal sealed class SegmentService
{
    public SegmentDefinitionParseResult Parse(string json) => throw new NotImplementedException();

    public string ToJson(SegmentNode definition) => throw new NotImplementedException();

    public IReadOnlyList<SegmentDefinitionError> Validate(SegmentNode definition) => throw new NotImplementedException();

    public Task<SegmentCount> CountAsync(SegmentNode definition, CancellationToken ct) => throw new NotImplementedException();

    public Task<PagedResult<SegmentMember>> ListMembersAsync(SegmentNode definition, PageRequest page, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<SegmentMember>> SampleAsync(SegmentNode definition, int take, CancellationToken ct) => throw new NotImplementedException();

    public IAsyncEnumerable<Guid> StreamMemberIdsAsync(SegmentNode definition, CancellationToken ct) => throw new NotImplementedException();

    public Task<SaveSegmentResult> SaveAsync(SaveSegmentRequest request, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<SavedSegment>> ListAsync(CancellationToken ct) => throw new NotImplementedException();

    public Task<SavedSegment?> GetAsync(Guid segmentId, CancellationToken ct) => throw new NotImplementedException();

    public Task<bool> DeleteAsync(Guid segmentId, string deletedBy, CancellationToken ct) => throw new NotImplementedException();
}
