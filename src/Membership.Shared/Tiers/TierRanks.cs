using Membership.Contracts.Tiers;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Shared.Tiers;

/// <summary>Modules that restrict by tier work with or without the Tiers module in the host.</summary>
public static class TierRanks
{
    /// <summary>The member's tier rank; 0 (the entry tier) when no <see cref="ITiersModule"/> is registered.</summary>
    public static async Task<int> TierRankOfAsync(this IServiceProvider services, Guid memberId, CancellationToken ct = default) =>
        services.GetService<ITiersModule>() is { } tiers ? (await tiers.GetMemberTierAsync(memberId, ct)).Rank : 0;
}
