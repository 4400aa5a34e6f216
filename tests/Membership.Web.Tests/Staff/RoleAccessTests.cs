using System.Net;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Staff;

public sealed class RoleAccessTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("staff@demo.local", "/staff")]
    [InlineData("marketer@demo.local", "/staff")]
    [InlineData("staff@demo.local", "/audit")]
    [InlineData("staff@demo.local", "/line/inbox")]
    [InlineData("marketer@demo.local", "/line/greeting")]
    public async Task Non_owners_cannot_open_an_owner_page(string email, string page)
    {
        var client = await app.Factory.SignedInClientAsync(email);

        var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/staff")]
    [InlineData("/audit")]
    [InlineData("/line/inbox")]
    [InlineData("/line/greeting")]
    public async Task Owner_opens_owner_pages(string page)
    {
        var client = await app.Factory.SignedInClientAsync("owner@demo.local");

        var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("staff@demo.local")]
    [InlineData("marketer@demo.local")]
    public async Task Every_role_opens_the_member_list(string email)
    {
        var client = await app.Factory.SignedInClientAsync(email);

        var response = await client.GetAsync("/members");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Hangfire_dashboard_is_refused_to_anonymous_visitors()
    {
        var response = await app.Factory.CreateBrowserlessClient().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("staff@demo.local")]
    [InlineData("marketer@demo.local")]
    public async Task Hangfire_dashboard_is_refused_to_non_owners(string email)
    {
        var client = await app.Factory.SignedInClientAsync(email);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfire_dashboard_opens_for_the_owner()
    {
        var client = await app.Factory.SignedInClientAsync("owner@demo.local");

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Membership jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
