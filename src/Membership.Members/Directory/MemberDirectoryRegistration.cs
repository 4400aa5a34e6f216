using Membership.Contracts.Members;
using Membership.Members.CsvImport;
using Membership.Members.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Members.Directory;

internal static class MemberDirectoryRegistration
{
    /// <summary>The console's member directory, CSV import and the demo members.</summary>
    public static IServiceCollection AddMemberDirectory(this IServiceCollection services)
    {
        services.AddScoped<IMemberDirectory, MemberDirectory>();
        services.AddScoped<ProfileEditor>();
        services.AddScoped<OfflineMembers>();
        services.AddScoped<IMemberImport, MemberImporter>();
        services.AddScoped<DemoMembers>();
        return services;
    }
}
