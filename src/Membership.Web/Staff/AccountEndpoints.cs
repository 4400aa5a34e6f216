using Membership.Shared.Privacy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Membership.Web.Staff;

/// <summary>Sign-in and sign-out are plain form posts (cookies need a real HTTP response), rate-limited per client.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous();
        account.MapPost("/sign-in", SignInAsync).RequireRateLimiting(StaffIdentityExtensions.LoginRateLimitPolicy);
        account.MapPost("/sign-out", SignOutAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        SignInManager<StaffUser> signIn,
        TimeProvider clock,
        ILogger<StaffUser> logger)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return LoginPage("missing", back);
        }

        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            logger.LogInformation("Sign-in failed for unknown account {Email}", PersonalDataMask.Email(email));
            return LoginPage("invalid", back);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account {UserId} is locked out", user.Id);
            return LoginPage("locked", back);
        }

        if (!result.Succeeded)
        {
            logger.LogInformation("Sign-in failed for account {UserId}", user.Id);
            return LoginPage("invalid", back);
        }

        user.LastSignInAt = clock.GetUtcNow();
        await signIn.UserManager.UpdateAsync(user);
        logger.LogInformation("Staff {UserId} signed in", user.Id);
        return Results.LocalRedirect(user.MustChangePassword ? $"/account/change-password?returnUrl={Uri.EscapeDataString(back)}" : back);
    }

    private static async Task<IResult> SignOutAsync(SignInManager<StaffUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }

    private static IResult LoginPage(string error, string returnUrl) =>
        Results.LocalRedirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");

    /// <summary>Only local paths: an open redirect after sign-in is a phishing aid.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
