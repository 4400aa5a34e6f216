using Membership.Contracts.Points;

namespace Membership.Points.Tests.Infrastructure;

internal static class Purchases
{
    public static RecordPurchaseRequest For(
        Guid memberId, decimal total, string? key = null, string? receipt = null, DateTimeOffset? at = null, IReadOnlyList<PurchaseLine>? lines = null) =>
        new(key ?? Guid.NewGuid().ToString(), new MemberReference(MemberId: memberId), "TPE-01", receipt ?? Guid.NewGuid().ToString("N")[..12], total,
            at ?? new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(8)), PurchaseChannels.Pos, lines ?? []);
}
