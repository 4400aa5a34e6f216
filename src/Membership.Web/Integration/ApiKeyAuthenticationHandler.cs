using System.Security.Claims;
using System.Text.Encodings.Web;
using Membership.Contracts.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Membership.Web.Integration;

/// <summary>
/// Authenticates integration calls by their <c>X-Api-Key</c> header. The principal's name is the key's name, so the
/// audit log shows which POS or ERP made a change. Refusals are RFC 9457 problems, never a redirect to the login page.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyDirectory keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string KeyIdClaim = "membership:api-key-id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(IntegrationApi.HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = values.ToString().Trim();
        if (secret.Length > 200 || await keys.AuthenticateAsync(secret, Context.RequestAborted) is not { } key)
        {
            Logger.LogInformation("Integration API call refused: unknown or revoked API key");
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, $"api-key:{key.Id}"),
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(KeyIdClaim, key.Id.ToString()),
                .. key.Scopes.Select(scope => new Claim(IntegrationApi.ScopeClaim, scope)),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{IntegrationApi.Scheme} header=\"{IntegrationApi.HeaderName}\"";
        var hasKey = Request.Headers.ContainsKey(IntegrationApi.HeaderName);
        await TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: hasKey
                    ? $"The API key in the {IntegrationApi.HeaderName} header is unknown or has been revoked."
                    : $"Send an API key in the {IntegrationApi.HeaderName} header. An Owner creates keys under Settings > API keys.")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This API key lacks the scope this endpoint needs (pos for the POS endpoints, marketing for tags, scoring and segments). An Owner grants scopes when creating a key.")
            .ExecuteAsync(Context);
}
