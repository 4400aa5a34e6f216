using System.Net;
using System.Text.RegularExpressions;


namespace Membership.Web.Tests.Infrastructure;

/// <summary>Signs in the way a browser does: fetch the form, post it back with its antiforgery token.</summary>
public static partial class SignInClient
{
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var token = await GetAntiforgeryTokenAsync(client, "/account/login");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = returnUrl ?? "/",
        };
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(form));
    }

    public static async Task<HttpClient> SignedInClientAsync(this Membership.Testing.Web.MembershipWebFactory<Program> factory, string email)
    {
        var client = factory.CreateBrowserlessClient();
        var response = await client.SignInAsync(email, MembershipWebFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return client;
    }

    /// <summary>Signs in on a client without a cookie jar and returns the auth cookie as a <c>Cookie</c> header value.</summary>
    public static async Task<string> AuthCookieAsync(Membership.Testing.Web.MembershipWebFactory<Program> factory, string email)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.GetAsync("/account/login");
        var antiforgeryCookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = TokenPattern().Match(await login.Content.ReadAsStringAsync()).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["email"] = email,
                ["password"] = MembershipWebFactory.DemoPassword,
                ["returnUrl"] = "/",
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var signIn = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return string.Join("; ", signIn.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Where(c => c.StartsWith(".Membership.Auth", StringComparison.Ordinal)));
    }

    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
