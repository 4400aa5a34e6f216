using Microsoft.Extensions.DependencyInjection;

namespace Membership.Points.Line;

internal static class PointsLineServices
{
    public static IServiceCollection AddPointsLine(this IServiceCollection services) => services;
}
