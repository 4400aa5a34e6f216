using Membership.Contracts.Members;
using Membership.Members.Friends;
using Membership.Members.Persistence;
using Membership.Shared.Outbox;
using Membership.Shared.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Members;

public static class MembersModuleExtensions
{
    public static IServiceCollection AddMembersModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<MembersDbContext>(configuration, MembersDbContext.TablePrefix);
        services.AddOutbox<MembersDbContext>(configuration, MembersDbContext.TablePrefix);
        services.AddScoped<IMembersModule, MembersModule>();
        services.AddScoped<LineFriends>();
        return services;
    }
}
