namespace Membership.Web.Staff;

/// <summary>An account on a temporary password sees only the change-password page until it has chosen its own.</summary>
internal static class PasswordChangeGate
{
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.User.HasClaim(StaffClaimsPrincipalFactory.MustChangePasswordClaim, "true")
                && HttpMethods.IsGet(http.Request.Method)
                && http.GetEndpoint() is { } endpoint
                && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null
                && !http.Request.Path.StartsWithSegments("/account"))
            {
                http.Response.Redirect($"/account/change-password?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
                return;
            }

            await next();
        });
}
