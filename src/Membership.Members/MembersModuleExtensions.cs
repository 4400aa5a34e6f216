using Microsoft.AspNetCore.Builder;
using Membership.Contracts.Members;
using Membership.Members.Api;
using Membership.Members.Demo;
using Membership.Members.Directory;
using Membership.Members.Friends;
using Membership.Members.Links;
using Membership.Members.Persistence;
using Membership.Members.Privacy;
using Membership.Members.Registration;
using Membership.Shared.Outbox;
using Membership.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Members;

public static class MembersModuleExtensions
{
    public static IServiceCollection AddMembersModule(this IServiceCollection services, IConfiguration configuration)
    {
        // Fuzzy search takes "any N" candidates before ranking them (MemberSearch.BestAmongCandidates): a row limit
        // without an order is meant there, so EF's warning about it would only be noise in the logs.
        services.AddModuleDbContext<MembersDbContext>(configuration, MembersDbContext.TablePrefix, options =>
            options.ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning)));
        services.AddOutbox<MembersDbContext>(configuration, MembersDbContext.TablePrefix);
        services.AddScoped<IMembersModule, MembersModule>();
        services.AddScoped<LineFriends>();
        services.AddScoped<IMemberIntegration, MemberIntegration>();
        services.AddScoped<IMemberLookup, MemberLookup>();
        services.AddScoped<IMemberPrivacy, MemberPrivacy>();
        services.AddMemberRegistration(configuration);
        services.AddMemberDirectory();
        services.AddScoped<Membership.Shared.Demo.IDemoSeeder, MembersDemoSeeder>();
        return services;
    }

    /// <summary>The integration API (<c>/api/v1/members</c>) and the LIFF sign-in behind <c>/m/register</c> and <c>/m/card</c>.</summary>
    internal static IEndpointRouteBuilder MapMembersEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMemberApi();
        app.MapLiffSignIn();
        return app;
    }

    /// <summary>Demo mode and benchmarks: <paramref name="count"/> generated members (binary COPY), only into an empty members table.</summary>
    /// <returns>How many were written (0 when members exist).</returns>
    public static async Task<int> SeedDemoMembersAsync(IServiceProvider services, int count, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoMembers>().SeedAsync(count, ct);
    }

    /// <summary>The module's endpoints and recurring jobs (STYLE.md §6: one call per module, in module order).</summary>
    public static WebApplication MapMembersModule(this WebApplication app)
    {
        app.MapMembersEndpoints();
        return app;
    }
}
