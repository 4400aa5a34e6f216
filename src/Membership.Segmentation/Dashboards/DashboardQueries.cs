using Membership.Contracts.Segmentation;

namespace Membership.Segmentation.Dashboards;

// Placeholder filled by the scoring work.
internal sealed class DashboardQueries
{
    public Task<SegmentationDashboard> GetAsync(CancellationToken ct) => throw new NotImplementedException();
}
