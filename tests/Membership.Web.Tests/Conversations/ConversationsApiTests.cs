using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Integration;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Conversations;

/// <summary>The support API through the real host: list, thread, answer once per idempotency key (reply, then push), hand-off, scopes.</summary>
public sealed class ConversationsApiTests(LineSandbox line) : IClassFixture<LineSandbox>
{
    [Fact]
    public async Task A_support_key_lists_reads_answers_once_per_key_and_hands_off()
    {
        var user = await line.CreateUserAsync("API 顧客");
        await line.SendEventAsync(user, "follow");
        var member = await LineSandbox.EventuallyAsync(() => line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user), m => m is not null);
        await line.SendEventAsync(user, "message", text: "我的點數怎麼查?");
        var client = line.ApiClient(DemoApiKeySeeder.DefaultSupportSecret);

        var list = await LineSandbox.EventuallyAsync(
            async () => (await client.GetFromJsonAsync<JsonArray>("/api/v1/conversations?status=open"))!,
            l => l.Any(c => (string?)c!["memberCode"] == member!.MemberCode));
        var item = list.Single(c => (string?)c!["memberCode"] == member!.MemberCode)!;
        Assert.Equal(("open", "bot", 1, "reply"), ((string?)item["status"], (string?)item["mode"], (int)item["unread"]!, (string?)item["nextSendBy"]));

        var thread = (await client.GetFromJsonAsync<JsonArray>($"/api/v1/conversations/{member!.MemberCode}/messages"))!;
        Assert.Equal(("in", "customer", "我的點數怎麼查?"), ((string?)thread[0]!["direction"], (string?)thread[0]!["author"], (string?)thread[0]!["text"]));

        var body = JsonNode.Parse($$"""{"messages":[{"type":"text","text":"點選選單的會員卡即可查看"}],"idempotencyKey":"{{Guid.NewGuid()}}"}""");
        var first = await client.PostAsJsonAsync($"/api/v1/conversations/{member.MemberCode}/messages", body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("reply", (string?)(await first.Content.ReadFromJsonAsync<JsonObject>())!["sentBy"]);
        var retried = await client.PostAsJsonAsync($"/api/v1/conversations/{member.MemberCode}/messages", body);
        Assert.True((bool)(await retried.Content.ReadFromJsonAsync<JsonObject>())!["alreadySent"]!);
        Assert.Single(await line.MessagesAsync(user), m => (string?)m!["message"]?["text"] == "點選選單的會員卡即可查看");

        var handoff = await client.PostAsJsonAsync($"/api/v1/conversations/{member.MemberCode}/handoff", new { mode = "bot" });
        Assert.Equal("bot", (string?)(await handoff.Content.ReadFromJsonAsync<JsonObject>())!["mode"]);
        var assigned = (await client.GetFromJsonAsync<JsonArray>("/api/v1/conversations?assignee=api:Demo%20support"))!;
        Assert.Contains(assigned, c => (string?)c!["memberCode"] == member.MemberCode && (string?)c["mode"] == "bot" && (string?)c["status"] == "pending");
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_the_reason_and_other_scopes_are_forbidden()
    {
        var client = line.ApiClient(DemoApiKeySeeder.DefaultSupportSecret);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/conversations?status=sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/conversations/NOPE0000/messages")).StatusCode);
        var noKey = await client.PostAsJsonAsync("/api/v1/conversations/NOPE0000/messages", new { messages = new[] { new { type = "text", text = "x" } } });
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("idempotencyKey", await noKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/conversations/NOPE0000/handoff", new { mode = "robot" })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await line.ApiClient(DemoApiKeySeeder.DefaultMarketingSecret).GetAsync("/api/v1/conversations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = line.AppAddress }.GetAsync("/api/v1/conversations")).StatusCode);
    }
}
