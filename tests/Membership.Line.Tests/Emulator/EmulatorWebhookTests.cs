using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Membership.Line.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Line.Tests.Emulator;

/// <summary>The emulator's webhooks: shaped as webhook.yml, signed with the channel secret, redeliverable.</summary>
public sealed partial class EmulatorWebhookTests : IAsyncLifetime, IDisposable
{
    private readonly EmulatorHost _emulator = new();
    private readonly ConcurrentQueue<(byte[] Body, string? Signature)> _received = new();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/line/webhook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            _received.Enqueue((buffer.ToArray(), context.Request.Headers["x-line-signature"].FirstOrDefault()));
            return Results.Ok();
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var response = await _emulator.Http.PutAsJsonAsync("/_emulator/webhook", new { endpoint = address + "/line/webhook" });
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Message_event_is_signed_with_the_channel_secret_and_shaped_as_the_spec()
    {
        var userId = await _emulator.CreateUserAsync(friend: false);

        var answer = await _emulator.SendEventAsync(userId, "message", text: "我要查點數");

        var (body, signature) = Assert.Single(_received);
        Assert.True(LineSignature.IsValid(EmulatorHost.ChannelSecret, body, signature));
        Assert.Equal(200, (int?)answer["webhookStatus"]);
        var root = JsonNode.Parse(body)!;
        Assert.Matches("^U[0-9a-f]{32}$", (string?)root["destination"]);
        var e = Assert.Single(root["events"]!.AsArray())!;
        Assert.Equal("message", (string?)e["type"]);
        Assert.Equal("active", (string?)e["mode"]);
        Assert.Matches(UlidPattern(), (string?)e["webhookEventId"]);
        Assert.Equal((string?)answer["webhookEventId"], (string?)e["webhookEventId"]);
        Assert.False((bool)e["deliveryContext"]!["isRedelivery"]!);
        Assert.Equal(_emulator.Time.GetUtcNow().ToUnixTimeMilliseconds(), (long)e["timestamp"]!);
        Assert.Equal("user", (string?)e["source"]!["type"]);
        Assert.Equal(userId, (string?)e["source"]!["userId"]);
        Assert.Equal((string?)answer["replyToken"], (string?)e["replyToken"]);
        Assert.Equal("text", (string?)e["message"]!["type"]);
        Assert.Equal("我要查點數", (string?)e["message"]!["text"]);
        Assert.False(string.IsNullOrEmpty((string?)e["message"]!["id"]));
        Assert.False(string.IsNullOrEmpty((string?)e["message"]!["quoteToken"]));
    }

    [Fact]
    public async Task Follow_after_a_block_is_an_unblock_and_unfollow_has_no_reply_token()
    {
        var userId = await _emulator.CreateUserAsync(friend: false);

        await _emulator.SendEventAsync(userId, "follow");
        var unfollow = await _emulator.SendEventAsync(userId, "unfollow");
        await _emulator.SendEventAsync(userId, "follow");

        var events = _received.Select(r => JsonNode.Parse(r.Body)!["events"]![0]!).ToList();
        Assert.Equal(["follow", "unfollow", "follow"], events.Select(e => (string?)e["type"]));
        Assert.False((bool)events[0]["follow"]!["isUnblocked"]!);
        Assert.Null(events[1]["replyToken"]);
        Assert.Null((string?)unfollow["replyToken"]);
        Assert.True((bool)events[2]["follow"]!["isUnblocked"]!);
        var user = (await _emulator.Http.GetFromJsonAsync<JsonObject>($"/_emulator/users/{userId}"))!;
        Assert.True((bool)user["isFriend"]!);
        Assert.False((bool)user["isBlocked"]!);
    }

    [Fact]
    public async Task Redelivery_resends_the_same_event_marked_as_redelivered()
    {
        var userId = await _emulator.CreateUserAsync(friend: false);
        var first = await _emulator.SendEventAsync(userId, "postback", data: "action=points");

        using var response = await _emulator.Http.PostAsJsonAsync("/_emulator/webhooks/redeliver", new { webhookEventId = (string?)first["webhookEventId"] });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var bodies = _received.ToArray();
        Assert.Equal(2, bodies.Length);
        Assert.All(bodies, r => Assert.True(LineSignature.IsValid(EmulatorHost.ChannelSecret, r.Body, r.Signature)));
        var original = JsonNode.Parse(bodies[0].Body)!["events"]![0]!.AsObject();
        var again = JsonNode.Parse(bodies[1].Body)!["events"]![0]!.AsObject();
        Assert.True((bool)again["deliveryContext"]!["isRedelivery"]!);
        again["deliveryContext"] = new JsonObject { ["isRedelivery"] = false };
        Assert.True(JsonNode.DeepEquals(original, again));
        Assert.Equal("action=points", (string?)original["postback"]!["data"]);
    }

    [Theory]
    [InlineData("""{"pictureUrl":"https://example.com/p.png"}""")]
    [InlineData("""{"displayName":"X","userId":"U123"}""")]
    public async Task Creating_a_user_without_a_name_or_with_a_malformed_id_is_refused(string body)
    {
        using var response = await _emulator.Http.PostAsync("/_emulator/users", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_user_is_404_on_the_inspection_api()
    {
        using var response = await _emulator.Http.GetAsync("/_emulator/users/U" + new string('a', 32) + "/messages");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _emulator.Dispose();

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{26}$")]
    private static partial Regex UlidPattern();
}
