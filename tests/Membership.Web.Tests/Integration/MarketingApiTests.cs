using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Web.Integration;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Integration;

/// <summary>API key scopes, and the marketing endpoints (tags, segments, scoring) through the real host.</summary>
public sealed class MarketingApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string PosKey = DemoApiKeySeeder.DefaultSecret;
    private const string MarketingKey = DemoApiKeySeeder.DefaultMarketingSecret;

    [Fact]
    public async Task A_pos_key_gets_a_403_problem_on_marketing_endpoints()
    {
        var response = await Client(PosKey).GetAsync("/api/v1/tags");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("marketing", (string?)problem!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marketing_key_gets_a_403_on_pos_endpoints_and_no_key_still_a_401()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(MarketingKey).GetAsync("/api/v1/members?mobile=0912345678")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Factory.CreateBrowserlessClient().GetAsync("/api/v1/tags")).StatusCode);
    }

    [Fact]
    public async Task A_key_created_with_both_scopes_opens_both()
    {
        var keys = app.Services.GetRequiredService<ApiKeyDirectory>();
        var created = await keys.CreateAsync("Both", "owner@demo.local", scopes: [IntegrationApi.PosScope, IntegrationApi.MarketingScope]);

        Assert.Equal(HttpStatusCode.OK, (await Client(created.Secret).GetAsync("/api/v1/tags")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await Client(created.Secret).GetAsync("/api/v1/members?mobile=0912345678")).StatusCode);
    }

    [Fact]
    public async Task Tags_are_created_once_and_unknown_members_are_404()
    {
        var client = Client(MarketingKey);
        var name = $"咖啡控-{Guid.NewGuid():N}"[..12];

        var created = await client.PostAsJsonAsync("/api/v1/tags", new { name, colour = "#6D4C41" });
        var again = await client.PostAsJsonAsync("/api/v1/tags", new { name = name.ToUpperInvariant() });
        var listed = await client.GetFromJsonAsync<JsonArray>("/api/v1/tags");
        var unknownMember = await client.PostAsJsonAsync("/api/v1/members/00000000000/tags", new { tag = name });
        var unknownTag = await client.PostAsJsonAsync("/api/v1/members/00000000000/tags", new { tag = "沒有這個標籤" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(listed!, t => (string?)t!["name"] == name);
        Assert.Equal(HttpStatusCode.NotFound, unknownMember.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownTag.StatusCode);
    }

    [Fact]
    public async Task Segment_counts_answer_and_invalid_definitions_name_the_path()
    {
        var client = Client(MarketingKey);

        var count = await client.PostAsJsonAsync("/api/v1/segments/count",
            JsonNode.Parse("""{"definition":{"all":[{"field":"nes","op":"in","value":["none"]}]}}"""));
        var invalid = await client.PostAsJsonAsync("/api/v1/segments/count",
            JsonNode.Parse("""{"definition":{"all":[{"field":"nes","op":"in","value":["none"]},{"any":[{"field":"tag","op":"like","value":"x"}]}]}}"""));

        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        Assert.True((int)(await count.Content.ReadFromJsonAsync<JsonObject>())!["count"]! >= 0);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]!["all[1].any[0].op"]);
    }

    [Fact]
    public async Task A_scoring_run_is_accepted_and_runs_to_success()
    {
        var client = Client(MarketingKey);

        var started = await client.PostAsync("/api/v1/scoring/runs", null);
        Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, started.StatusCode.ToString());
        var body = await started.Content.ReadFromJsonAsync<JsonObject>();
        var runId = (string?)body!["runId"];

        var status = "";
        // Hangfire picks the job up on its next poll; on a loaded machine that can take a while (this is not a timing assert).
        for (var i = 0; i < 360 && status is not ("succeeded" or "failed"); i++)
        {
            await Task.Delay(500);
            status = (string?)(await client.GetFromJsonAsync<JsonObject>($"/api/v1/scoring/runs/{runId}"))!["status"];
        }

        Assert.Equal("succeeded", status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/scoring/runs/{Guid.NewGuid()}")).StatusCode);
    }

    private HttpClient Client(string key)
    {
        var client = app.Factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Add(IntegrationApi.HeaderName, key);
        return client;
    }
}
