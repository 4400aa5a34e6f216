using Serilog;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hangfire;
using Membership.Shared.Demo;
using Membership.Web.Components.Pages.Coupons;
using Membership.Web.Components.Pages.Rewards;
using Membership.Web.Components.Pages.Stamps;
using Membership.Web.Integration;
using Membership.Web.Localization;
using Membership.Web.Loyalty;
using Membership.Web.Members;
using Membership.Web.Platform;
using Membership.Web.Points;
using Membership.Web.Segmentation;
using Membership.Web.Privacy;
using Membership.Web.Simulator;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Membership.Web.Components;

internal static class AdminConsoleExtensions
{
    /// <summary>
    /// Razor components on interactive server render mode, MudBlazor, staff identity, zh-TW/English texts, the customer
    /// simulator, the integration API's keys and documents, and the pages' own services.
    /// </summary>
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
        services.AddCustomerSimulator(configuration);
        services.AddIntegrationApi();
        services.AddMemberPages();
        services.AddPointsPages()
            .AddCounterPanel<CounterStampsPanel>(order: 10)
            .AddCounterPanel<CounterCouponsPanel>(order: 20)
            .AddCounterPanel<CounterRewardsPanel>(order: 30);
        // The demo's catalogue and purchase history span several modules; it stays with the host for now.
        services.AddScoped<IDemoSeeder, DemoLoyaltySeeder>();
        return services;
    }

    /// <summary>Error pages, request logging and health endpoints, before everything else.</summary>
    public static WebApplication UseMembershipPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // Friendly 404 pages for people browsing; API and form posts keep their own status and body.
        app.UseWhen(
            http => HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseSerilogRequestLogging();
        app.MapHealthEndpoints();
        return app;
    }

    /// <summary>The console's middleware and pages, staff accounts, the API documents, member export and privacy endpoints.</summary>
    public static async Task MapAdminConsoleAsync(this WebApplication app)
    {
        await app.SeedStaffAsync();
        app.MapAdminConsole();
        app.MapIntegrationApiDocs();
        app.MapMemberPrivacyEndpoints();
        app.MapMemberExport();
    }

    private static WebApplication MapAdminConsole(this WebApplication app)
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
