using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Members.Links;

/// <summary>
/// Inside LINE (LIFF) the page posts the LIFF ID token here; LINE verifies it (<c>/oauth2/v2.1/verify</c>) and its
/// <c>sub</c> becomes a short-lived signed link to the requested page. The token is the credential, so no antiforgery.
/// </summary>
internal static class LiffSignInEndpoint
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(30);

    public static IEndpointRouteBuilder MapLiffSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/m/liff", SignInAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignInAsync(
        HttpRequest request, ILineMessagingClient line, IMemberLinks links, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var idToken = form["idToken"].ToString();
        var page = form["page"].ToString() == "card" ? MemberLinkPurpose.Card : MemberLinkPurpose.Register;
        var verified = string.IsNullOrWhiteSpace(idToken) ? null : await line.VerifyIdTokenAsync(idToken, ct);
        if (verified is null || string.IsNullOrWhiteSpace(verified.Sub))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The LINE ID token was refused.");
        }

        var token = links.CreateToken(verified.Sub, page, SessionLifetime);
        var path = page == MemberLinkPurpose.Card ? "/m/card" : "/m/register";
        return TypedResults.Redirect($"{path}?t={Uri.EscapeDataString(token)}");
    }
}
