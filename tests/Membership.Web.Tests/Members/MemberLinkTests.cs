using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Members;

/// <summary>Nobody registers as another LINE user: links are signed and expire; LIFF tokens are verified by LINE.</summary>
public sealed class MemberLinkTests(LineSandbox line) : IClassFixture<LineSandbox>
{
    private IMemberLinks Links => line.Services.GetRequiredService<IMemberLinks>();

    [Fact]
    public async Task A_forged_link_is_refused_and_a_post_through_it_stores_nothing()
    {
        var userId = await line.CreateUserAsync("偽造者");
        var genuine = Links.CreateToken(userId, MemberLinkPurpose.Register);
        var forged = genuine[..^4] + (genuine[^4] == 'A' ? "B" : "A") + genuine[^3..];
        var client = RegistrationForm.Client(line);

        var page = await client.GetStringAsync($"/m/register?t={Uri.EscapeDataString(forged)}");
        var plain = await client.GetStringAsync($"/m/register?t={Uri.EscapeDataString(userId)}");
        var noToken = await client.GetStringAsync("/m/register");
        var form = await client.GetStringAsync($"/m/register?t={Uri.EscapeDataString(genuine)}");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = RegistrationForm.Valid("0966777888");
        fields["_handler"] = "register";
        fields["termsVersion"] = "1";
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token);
        using var post = await client.PostAsync($"/m/register?t={Uri.EscapeDataString(forged)}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var posted = await post.Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"link-refused\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"link-refused\"", plain, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"link-refused\"", noToken, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"link-refused\"", form, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"link-refused\"", posted, StringComparison.Ordinal);
        Assert.Null(await line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(userId));
        Assert.Equal(0, await RegistrationForm.CountAsync(line.ConnectionString, "SELECT count(*) FROM members_members WHERE mobile = '0966777888'"));
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var userId = await line.CreateUserAsync("過期了");
        var url = new Uri(Links.RegisterUrl(userId, TimeSpan.FromSeconds(1)));
        var client = RegistrationForm.Client(line);
        var fresh = await client.GetStringAsync(url.PathAndQuery);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var expired = await client.GetStringAsync(url.PathAndQuery);

        Assert.DoesNotContain("data-testid=\"link-refused\"", fresh, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"link-refused\"", expired, StringComparison.Ordinal);
        Assert.Null(Links.ReadToken(url.Query[3..], MemberLinkPurpose.Register));
    }

    [Fact]
    public void A_card_link_does_not_open_the_registration_form_nor_the_reverse()
    {
        var card = Links.CreateToken("U0123456789abcdef0123456789abcdef", MemberLinkPurpose.Card);
        var register = Links.CreateToken("U0123456789abcdef0123456789abcdef", MemberLinkPurpose.Register);

        Assert.Null(Links.ReadToken(card, MemberLinkPurpose.Register));
        Assert.Null(Links.ReadToken(register, MemberLinkPurpose.Card));
        Assert.Equal("U0123456789abcdef0123456789abcdef", Links.ReadToken(card, MemberLinkPurpose.Card));
        Assert.StartsWith("http://127.0.0.1:5080/m/card?t=", Links.CardUrl("U0123456789abcdef0123456789abcdef"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_liff_id_token_verified_by_line_opens_that_users_form_and_a_forged_one_is_refused()
    {
        var userId = await line.CreateUserAsync("LIFF 使用者");
        using var issued = await line.Emulator.PostAsync($"/_emulator/users/{userId}/id-token", null);
        var idToken = (string)(await issued.Content.ReadFromJsonAsync<JsonObject>())!["idToken"]!;
        var client = RegistrationForm.Client(line);

        using var signIn = await client.PostAsync("/m/liff", new FormUrlEncodedContent(new Dictionary<string, string> { ["idToken"] = idToken, ["page"] = "register" }));
        using var forged = await client.PostAsync("/m/liff", new FormUrlEncodedContent(new Dictionary<string, string> { ["idToken"] = idToken[..^3] + "abc", ["page"] = "register" }));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var location = signIn.Headers.Location!.OriginalString;
        Assert.StartsWith("/m/register?t=", location, StringComparison.Ordinal);
        Assert.Equal(userId, Links.ReadToken(Uri.UnescapeDataString(location["/m/register?t=".Length..]), MemberLinkPurpose.Register));
        Assert.Contains("data-testid=\"register-submit\"", await client.GetStringAsync(location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }
}
