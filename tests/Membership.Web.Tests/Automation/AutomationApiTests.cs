using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Integration;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Automation;

/// <summary>
/// The marketing API's auto-replies and journeys through the real host, and an auto-reply answered end to end: the
/// emulator posts a signed webhook, the inbox hands it to Automation, the reply goes back with the event's reply token.
/// </summary>
public sealed class AutomationApiTests(LineSandbox line) : IClassFixture<LineSandbox>
{
    private const string MarketingKey = DemoApiKeySeeder.DefaultMarketingSecret;

    [Fact]
    public async Task A_rule_made_through_the_api_answers_a_webhook_once_even_when_redelivered_and_counts_it()
    {
        var client = Client(MarketingKey);
        var created = await client.PostAsJsonAsync("/api/v1/auto-replies", JsonNode.Parse("""
            {"name":"營業時間","keywords":["營業時間","幾點開"],"match":"contains","priority":5,"messages":[{"type":"text","text":"每天 11:00-21:00 營業"}]}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var user = await line.CreateUserAsync("小美");
        await line.SendEventAsync(user, "follow");
        await LineSandbox.EventuallyAsync(() => line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user), m => m is not null);
        var sent = await line.SendEventAsync(user, "message", text: "請問幾點開門？");
        await LineSandbox.EventuallyAsync(() => line.MessagesAsync(user), m => m.Any(IsAnswer));
        await line.RedeliverAsync((string)sent["webhookEventId"]!);
        await Task.Delay(1500); // the redelivery is handled in the background: give it time to (not) answer

        var answer = Assert.Single(await line.MessagesAsync(user), IsAnswer); // besides the greeting
        Assert.Equal("reply", (string?)answer!["endpoint"]);
        var list = await client.GetFromJsonAsync<JsonArray>("/api/v1/auto-replies");
        var rule = list!.Single(r => (string?)r!["id"] == id)!;
        Assert.Equal("contains", (string?)rule["match"]);
        Assert.Equal(1, (int)rule["counts"]!["replied"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/auto-replies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/auto-replies/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_rules_get_400_naming_the_field_and_a_pos_key_gets_403()
    {
        var empty = await Client(MarketingKey).PostAsJsonAsync("/api/v1/auto-replies", JsonNode.Parse("""
            {"name":"空","keywords":[],"messages":[{"type":"text","text":"hi"}]}
            """));
        var badMessage = await Client(MarketingKey).PostAsJsonAsync("/api/v1/auto-replies", JsonNode.Parse("""
            {"name":"壞","keywords":["a"],"match":"fuzzy","messages":[{"type":"sticker"}]}
            """));
        var pos = await Client(DemoApiKeySeeder.DefaultSecret).GetAsync("/api/v1/auto-replies");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("keywords", (await empty.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, badMessage.StatusCode);
        Assert.Contains("match", (await badMessage.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Forbidden, pos.StatusCode);
    }

    [Fact]
    public async Task The_ready_made_journeys_are_listed_disabled_and_can_be_turned_on_and_off()
    {
        var client = Client(MarketingKey);
        var journeys = await client.GetFromJsonAsync<JsonArray>("/api/v1/journeys");
        var vip = journeys!.Single(j => (string?)j!["template"] == "vip-thanks")!;
        Assert.All(journeys!, j => Assert.Equal("draft", (string?)j!["status"]));
        Assert.Equal("tierChanged", (string?)vip["trigger"]);

        var activated = await client.PostAsync($"/api/v1/journeys/{vip["id"]}/activate", null);
        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/v1/journeys/{vip["id"]}");
        var paused = await client.PostAsync($"/api/v1/journeys/{vip["id"]}/pause", null);
        var unknown = await client.PostAsync($"/api/v1/journeys/{Guid.NewGuid()}/activate", null);

        Assert.Equal(HttpStatusCode.NoContent, activated.StatusCode);
        Assert.Equal("active", (string?)detail!["status"]);
        Assert.Equal(["thanks", "notify"], detail["steps"]!.AsArray().Select(s => (string?)s!["id"]));
        Assert.Equal(0, (int)detail["steps"]![0]!["entered"]!);
        Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);
        Assert.Equal("paused", (string?)(await client.GetFromJsonAsync<JsonObject>($"/api/v1/journeys/{vip["id"]}"))!["status"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static bool IsAnswer(JsonNode? delivered) => (string?)delivered!["message"]!["text"] == "每天 11:00-21:00 營業";

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = line.AppAddress };
        client.DefaultRequestHeaders.Add(IntegrationApi.HeaderName, key);
        return client;
    }
}
