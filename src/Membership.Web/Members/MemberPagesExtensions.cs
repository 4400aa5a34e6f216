using Membership.Members;

namespace Membership.Web.Members;

internal static class MemberPagesExtensions
{
    public static IServiceCollection AddMemberPages(this IServiceCollection services) =>
        services.AddScoped<PersonalDataVisibility>();

    /// <summary>The member CSV export; in demo mode, demo members (<c>Demo:Members</c>: appsettings.Demo.json says how many; none unless set) when there are none.</summary>
    public static async Task MapMemberPagesAsync(this WebApplication app)
    {
        app.MapMemberExport();
        if (app.Configuration.GetValue("Demo:Enabled", false))
        {
            await MembersModuleExtensions.SeedDemoMembersAsync(app.Services, app.Configuration.GetValue("Demo:Members", 0));
        }
    }
}
