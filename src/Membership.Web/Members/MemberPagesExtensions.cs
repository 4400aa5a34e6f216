namespace Membership.Web.Members;

internal static class MemberPagesExtensions
{
    public static IServiceCollection AddMemberPages(this IServiceCollection services) =>
        services.AddScoped<PersonalDataVisibility>();
}
