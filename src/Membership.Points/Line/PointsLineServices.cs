using Membership.Contracts.Line;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Points.Line;

internal static class PointsLineServices
{
    /// <summary>The 我的點數 answer in LINE; the purchase push and timeline handlers are registered with the module.</summary>
    public static IServiceCollection AddPointsLine(this IServiceCollection services) =>
        services.AddScoped<ILinePostbackResponder, MyPointsPostbackResponder>();
}
