using System.Net;
using Membership.Web.Staff;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Staff;

public sealed class SignInTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/staff")]
    [InlineData("/audit")]
    public async Task Anonymous_request_to_an_admin_page_redirects_to_login(string page)
    {
        var client = app.Factory.CreateBrowserlessClient();

        var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(page), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owner_signs_in_and_sees_the_dashboard()
    {
        var client = app.Factory.CreateBrowserlessClient();

        var signIn = await client.SignInAsync("owner@demo.local", MembershipWebFactory.DemoPassword, "/");
        var dashboard = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("總覽", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        var client = app.Factory.CreateBrowserlessClient();

        var response = await client.SignInAsync("marketer@demo.local", "not-the-password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("電子郵件或密碼不正確", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var client = app.Factory.CreateBrowserlessClient();
        var users = app.Services.GetRequiredService<StaffDirectory>();
        var victim = await users.CreateAsync(new CreateStaffRequest($"lock-{Guid.NewGuid():N}@demo.local", "鎖定測試", "Staff"));

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await client.SignInAsync(victim.Email, "wrong-password-1");
            Assert.Contains("error=invalid", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var fifth = await client.SignInAsync(victim.Email, "wrong-password-1");
        var right = await client.SignInAsync(victim.Email, victim.TemporaryPassword);

        Assert.Contains("error=locked", fifth.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("error=locked", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_new_staff_account_must_change_its_temporary_password_first()
    {
        var client = app.Factory.CreateBrowserlessClient();
        var users = app.Services.GetRequiredService<StaffDirectory>();
        var invited = await users.CreateAsync(new CreateStaffRequest($"new-{Guid.NewGuid():N}@demo.local", "新同事", "Staff"));

        var response = await client.SignInAsync(invited.Email, invited.TemporaryPassword, "/");
        var elsewhere = await client.GetAsync("/");

        Assert.StartsWith("/account/change-password", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.StartsWith("/account/change-password", elsewhere.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_choosing_a_password_the_new_staff_member_reaches_the_console()
    {
        var client = app.Factory.CreateBrowserlessClient();
        var users = app.Services.GetRequiredService<StaffDirectory>();
        var invited = await users.CreateAsync(new CreateStaffRequest($"chg-{Guid.NewGuid():N}@demo.local", "改密碼", "Staff"));
        await client.SignInAsync(invited.Email, invited.TemporaryPassword, "/");
        var token = await SignInClient.GetAntiforgeryTokenAsync(client, "/account/change-password");

        var change = await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "change-password",
            ["Input.Current"] = invited.TemporaryPassword,
            ["Input.New"] = "My-own-password-42",
            ["Input.Confirm"] = "My-own-password-42",
        }));
        var dashboard = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var again = await app.Factory.CreateBrowserlessClient().SignInAsync(invited.Email, "My-own-password-42");
        Assert.DoesNotContain("error=", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_rejected()
    {
        var client = app.Factory.CreateBrowserlessClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "owner@demo.local",
            ["password"] = MembershipWebFactory.DemoPassword,
        });

        var response = await client.PostAsync("/account/sign-in", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/staff?page=2", "/staff?page=2")]
    public void Return_urls_stay_on_this_site(string asked, string expected) =>
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(asked));

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = await app.Factory.SignedInClientAsync("staff@demo.local");
        var token = await SignInClient.GetAntiforgeryTokenAsync(client, "/account/change-password");

        var signOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }
}
