using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Shared.Outbox;
using Membership.Shared.Persistence;
using Membership.Tags.Api;
using Membership.Tags.Assignments;
using Membership.Tags.Bulk;
using Membership.Tags.Definitions;
using Membership.Tags.Persistence;
using Membership.Tags.Rules;
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
        services.AddScoped<ITagsModule, TagsModule>();
        services.AddScoped<TagDefinitions>();
        services.AddScoped<TagAssignments>();
        services.AddScoped<CsvTagging>();
        services.AddScoped<TagRules>();
        services.AddScoped<RuleFiring>();
        services.AddScoped<IIntegrationEventHandler<MemberMessageReceived>, TagOnMemberMessageReceived>();
        services.AddScoped<IIntegrationEventHandler<MemberPostbackReceived>, TagOnMemberPostbackReceived>();
        services.AddScoped<IIntegrationEventHandler<MemberRegistered>, TagOnMemberRegistered>();
        services.AddScoped<IIntegrationEventHandler<PurchaseRecorded>, TagOnPurchaseRecorded>();
        services.AddScoped<IIntegrationEventHandler<ScoringRunCompleted>, RetagOnScoringRunCompleted>();
        return services;
    }

    /// <summary>The tag endpoints of the marketing API (<c>/api/v1/tags</c>, <c>/api/v1/members/{memberCode}/tags</c>).</summary>
    public static WebApplication MapTagsModule(this WebApplication app)
    {
        app.MapTagApi();
        return app;
    }
}
