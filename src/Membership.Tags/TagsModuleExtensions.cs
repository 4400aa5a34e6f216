using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Tags.Api;
using Membership.Tags.Assignments;
using Membership.Tags.Persistence;
using Membership.Tags.Rules;
using Membership.Shared.Outbox;
using Membership.Shared.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tags;

public static class TagsModuleExtensions
{
    public static IServiceCollection AddTagsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TagsDbContext>(configuration, TagsDbContext.TablePrefix);
        services.AddOutbox<TagsDbContext>(configuration, TagsDbContext.TablePrefix);
        services.AddScoped<TagWrites>();
        services.AddScoped<BulkTagging>();
        services.AddScoped<TagRules>();
        services.AddScoped<ITagsModule, TagsModule>();
        services.AddScoped<Membership.Shared.Demo.IDemoSeeder, Demo.TagsDemoSeeder>();
        services.AddScoped<IIntegrationEventHandler<PurchaseRecorded>, TagOnPurchaseAndRegistration>();
        services.AddScoped<IIntegrationEventHandler<MemberRegistered>, TagOnPurchaseAndRegistration>();
        services.AddScoped<IIntegrationEventHandler<ScoringRunCompleted>, SyncSegmentTagsOnScoringRunCompleted>();
        services.AddScoped<IIntegrationEventHandler<MemberMessageReceived>, TagOnLineActivity>();
        services.AddScoped<IIntegrationEventHandler<MemberPostbackReceived>, TagOnLineActivity>();
        return services;
    }

    /// <summary>The tag endpoints of the marketing API (<c>/api/v1/tags</c>, <c>/api/v1/members/{memberCode}/tags</c>).</summary>
    public static WebApplication MapTagsModule(this WebApplication app)
    {
        app.MapTagsApi();
        return app;
    }
}
