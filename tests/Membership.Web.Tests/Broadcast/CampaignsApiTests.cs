using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Web.Integration;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Broadcast;

/// <summary>The campaign endpoints of the marketing API through the real host (no LINE here: nothing is sent).</summary>
public sealed class CampaignsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string MarketingKey = DemoApiKeySeeder.DefaultMarketingSecret;

    [Fact]
    public async Task A_campaign_is_created_refused_inside_quiet_hours_scheduled_with_the_override_then_cancelled()
    {
        var client = Client(MarketingKey);
        // 23:00 Asia/Taipei tomorrow: inside the default quiet hours (22:00-09:00).
        var taipeiTomorrow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date.AddDays(1);
        var at = new DateTimeOffset(taipeiTomorrow.AddHours(23), TimeSpan.FromHours(8));

        var created = await client.PostAsJsonAsync("/api/v1/campaigns", JsonNode.Parse("""
            {"name":"週末會員日","audience":{"tags":["咖啡"]},"messages":[{"type":"text","text":"{{ name | default: \"親愛的會員\" }}，週末 9 折"}],"holdoutPercent":10}
            """));
        var id = (string?)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"];
        var quiet = await client.PostAsJsonAsync($"/api/v1/campaigns/{id}/schedule", new { at });
        var scheduled = await client.PostAsJsonAsync($"/api/v1/campaigns/{id}/schedule", new { at, ignoreQuietHours = true });
        var status = await client.GetFromJsonAsync<JsonObject>($"/api/v1/campaigns/{id}");
        var cancelled = await client.PostAsync($"/api/v1/campaigns/{id}/cancel", null);
        var again = await client.PostAsync($"/api/v1/campaigns/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, quiet.StatusCode);
        Assert.Contains("quiet hours", (string?)(await quiet.Content.ReadFromJsonAsync<JsonObject>())!["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, scheduled.StatusCode);
        Assert.Equal("scheduled", (string?)status!["status"]);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("cancelled", (string?)(await client.GetFromJsonAsync<JsonObject>($"/api/v1/campaigns/{id}"))!["status"]);
        var results = await client.GetFromJsonAsync<JsonObject>($"/api/v1/campaigns/{id}/results");
        Assert.Equal(0, (int)results!["sent"]!);
        Assert.Equal(0, (int)results["holdout"]!["members"]!);
        Assert.Null(results["lift"]); // nothing sent: not enough data
    }

    [Fact]
    public async Task An_invalid_campaign_gets_400_naming_each_field_and_a_pos_key_gets_403()
    {
        var invalid = await Client(MarketingKey).PostAsJsonAsync("/api/v1/campaigns", JsonNode.Parse("""
            {"name":"x","audience":{"definition":{"all":[{"field":"nes","op":"like","value":["S1"]}]}},"messages":[]}
            """));
        var pos = await Client(DemoApiKeySeeder.DefaultSecret).PostAsJsonAsync("/api/v1/campaigns", new { name = "x" });
        var unknown = await Client(MarketingKey).GetAsync($"/api/v1/campaigns/{Guid.NewGuid()}");
        var unknownResults = await Client(MarketingKey).GetAsync($"/api/v1/campaigns/{Guid.NewGuid()}/results");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("audience.definition.all[0].op", errors.Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Forbidden, pos.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownResults.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_image_is_served_to_anyone_for_LINE_to_fetch_and_an_unknown_one_is_404()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0];
        var uploaded = await app.Services.GetRequiredService<Membership.Contracts.Broadcast.IBroadcastModule>().UploadImageAsync(new MemoryStream(png), "marketer@test");
        var anonymous = app.Factory.CreateBrowserlessClient();

        var served = await anonymous.GetAsync(new Uri(uploaded.Image!.Url).AbsolutePath);
        var unknown = await anonymous.GetAsync($"/media/campaign-images/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private HttpClient Client(string key)
    {
        var client = app.Factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Add(IntegrationApi.HeaderName, key);
        return client;
    }
}
