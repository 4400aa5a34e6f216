namespace Membership.Web.Points;

public static class PointsPagesExtensions
{
    /// <summary>Services of the points pages: the counter's stores and its panel registry.</summary>
    public static IServiceCollection AddPointsPages(this IServiceCollection services)
    {
        services.AddSingleton<CounterStores>();
        services.AddSingleton<CounterPanels>();
        return services;
    }

    /// <summary>Adds a panel (e.g. reward or coupon redemption) to the counter screen, below the points.</summary>
    public static IServiceCollection AddCounterPanel<TComponent>(this IServiceCollection services, int order = 100)
        where TComponent : ICounterPanelComponent =>
        services.AddSingleton(new CounterPanel(typeof(TComponent), order));
}
