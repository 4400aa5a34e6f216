using Microsoft.AspNetCore.Localization;
using Membership.Web.Staff;

namespace Membership.Web.Localization;

internal static class CultureEndpoints
{
    public static IReadOnlyList<string> SupportedCultures { get; } = ["zh-TW", "en"];

    public const string DefaultCulture = "zh-TW";

    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder app)
    {
        // A GET the language menu navigates to with a full page load: the circuit is rebuilt in the new culture.
        app.MapGet("/culture/{culture}", (string culture, string? redirectUri, HttpContext http) =>
        {
            if (!SupportedCultures.Contains(culture))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Unsupported culture",
                    detail: $"Supported cultures: {string.Join(", ", SupportedCultures)}.");
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(AccountEndpoints.SafeReturnUrl(redirectUri));
        }).AllowAnonymous();
        return app;
    }
}
