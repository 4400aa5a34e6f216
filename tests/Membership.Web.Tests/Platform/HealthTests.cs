using System.Net;
using System.Text.Json;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Platform;

public sealed class HealthTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Healthz_reports_the_database_and_hangfire_healthy_without_login()
    {
        var response = await app.Factory.CreateBrowserlessClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.NotEqual("Unhealthy", checks.GetProperty("hangfire").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_is_unhealthy_when_the_database_is_unreachable()
    {
        await using var broken = app.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Membership", "Host=127.0.0.1;Port=1;Database=none;Username=x;Password=x;Timeout=2");
            b.UseSetting("Database:MigrateOnStartup", "false");
            b.UseSetting("Demo:Enabled", "false");
            b.UseSetting("Jobs:ServerEnabled", "false");
        });
        // Seeding roles needs the database; a host that cannot reach it fails to start, which is the point.
        var started = Record.Exception(() => broken.Server);
        Assert.NotNull(started);
    }
}
