using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Members.Links;
using Membership.Members.Terms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Members.Registration;

internal static class RegistrationServices
{
    /// <summary>Registration inside LINE: signed member links (section <c>"Members"</c>), privacy terms, the registrar.</summary>
    public static IServiceCollection AddMemberRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MemberLinkOptions>().Bind(configuration.GetSection(MemberLinkOptions.SectionName));
        services.AddDataProtection();
        services.AddSingleton<IMemberLinks, MemberLinks>();
        services.AddScoped<IPrivacyTermsCatalog, PrivacyTermsCatalog>();
        services.AddScoped<IIntegrationEventHandler<MemberRegistered>, SendConfirmationOnMemberRegistered>();
        services.AddScoped<IMemberRegistration, MemberRegistrar>();
        return services;
    }
}
