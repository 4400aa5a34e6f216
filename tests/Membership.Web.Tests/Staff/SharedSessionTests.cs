using System.Net;
using Membership.Web.Tests.Infrastructure;
using Npgsql;

namespace Membership.Web.Tests.Staff;

public sealed class SharedSessionTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_second_instance_on_the_same_database_accepts_the_first_instances_cookie()
    {
        var cookie = await SignInClient.AuthCookieAsync(app.Factory, "owner@demo.local");
        await using var second = new MembershipWebFactory(app.ConnectionString,
            new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        var client = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);

        var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await CountKeysAsync() >= 1);
    }

    [Fact]
    public async Task Rate_limited_sign_in_answers_429_after_the_allowed_attempts()
    {
        await using var strict = new MembershipWebFactory(app.ConnectionString,
            new Dictionary<string, string?> { ["Staff:SignInAttemptsPerMinute"] = "3", ["Database:MigrateOnStartup"] = "false" });
        var client = strict.CreateBrowserlessClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.SignInAsync("nobody@demo.local", "whatever-password")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    private async Task<long> CountKeysAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM app_data_protection_keys", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
