using Microsoft.AspNetCore.Builder;
using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Membership.Contracts.Stamps;
using Membership.Shared.Persistence;
using Membership.Stamps.Cards;
using Membership.Stamps.Definitions;
using Membership.Stamps.Persistence;
using Membership.Stamps.Purchases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Stamps;

public static class StampsModuleExtensions
{
    public static IServiceCollection AddStampsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<StampsDbContext>(configuration, StampsDbContext.TablePrefix);
        services.AddScoped<IStampsModule, StampsModule>();
        services.AddScoped<StampCardDefinitions>();
        services.AddScoped<StampTimeline>();
        services.AddScoped<IIntegrationEventHandler<PurchaseRecorded>, StampPurchaseOnPurchaseRecorded>();
        services.AddScoped<IIntegrationEventHandler<PurchaseRefunded>, RemoveStampsOnPurchaseRefunded>();
        return services;
    }

    /// <summary>The module's endpoints and recurring jobs (STYLE.md §6: one call per module, in module order).</summary>
    public static WebApplication MapStampsModule(this WebApplication app)
    {
        return app;
    }
}
