using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hangfire;
using Membership.Web.Localization;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Membership.Web.Components;

internal static class AdminConsoleExtensions
{
    /// <summary>Razor components on interactive server render mode, MudBlazor, staff identity, zh-TW/English texts.</summary>
    public static IServiceCollection AddAdminConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Emit Chinese as characters, not &#x...; entities: a third of the page weight on zh-TW screens.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddMudServices();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = CultureEndpoints.SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(CultureEndpoints.DefaultCulture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The cookie the language menu sets wins; no cookie means zh-TW, whatever the browser says.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        services.AddStaffIdentity(configuration);
        return services;
    }

    public static WebApplication MapAdminConsole(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePasswordChangeGate();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapCultureEndpoints();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [], // the endpoint's Owner policy below decides
                DisplayStorageConnectionString = false,
                DashboardTitle = "Membership jobs",
            })
            .RequireAuthorization(StaffIdentityExtensions.OwnerPolicy);
        return app;
    }
}
