using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Line;

namespace Membership.Line.Tests.Emulator;

/// <summary>The emulator's unit statistics (from deliveries and simulated opens / clicks), unit list and message validation.</summary>
public sealed class EmulatorInsightTests : IDisposable
{
    private readonly EmulatorHost _emulator = new();

    [Fact]
    public async Task Unit_statistics_count_unique_opens_and_clicks_and_hide_figures_below_20()
    {
        var users = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            users.Add(await _emulator.CreateUserAsync($"u{i}"));
        }

        await _emulator.Client.MulticastAsync(new MulticastMessageRequest(users, [new TextMessage("秋季新品")], CustomAggregationUnits: ["autumn_2026"]), Guid.NewGuid());
        foreach (var user in users.Take(22))
        {
            await Mark(user, "open");
            await Mark(user, "open"); // the same user twice is one unique impression
        }

        foreach (var user in users.Take(5))
        {
            await Mark(user, "click", new { url = "https://shop.example.tw" });
        }

        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var stats = await _emulator.Client.GetUnitStatisticsAsync("autumn_2026", today.AddDays(-1), today);
        var unknown = await _emulator.Client.GetUnitStatisticsAsync("nothing_sent", today, today);
        var tooLong = await Assert.ThrowsAsync<LineApiException>(() => _emulator.Client.GetUnitStatisticsAsync("autumn_2026", today.AddDays(-30), today));
        var list = await _emulator.Http.SendAsync(Authorized(HttpMethod.Get, "/v2/bot/message/aggregation/list?limit=10"));

        Assert.Equal(22, stats.Overview.UniqueImpression);
        Assert.Null(stats.Overview.UniqueClick); // 5 < 20: LINE hides it
        Assert.Null(unknown.Overview.UniqueImpression);
        Assert.Equal(400, tooLong.StatusCode);
        Assert.Equal(["autumn_2026"], (await list.Content.ReadFromJsonAsync<JsonObject>())!["customAggregationUnits"]!.AsArray().Select(u => (string?)u));
    }

    [Fact]
    public async Task A_bad_aggregation_unit_is_refused_and_nothing_is_delivered()
    {
        var user = await _emulator.CreateUserAsync();

        var error = await Assert.ThrowsAsync<LineApiException>(() => _emulator.Client.PushAsync(
            new PushMessageRequest(user, [new TextMessage("hi")], CustomAggregationUnits: ["has space"]), Guid.NewGuid()));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(error.Details, d => d.Property == "customAggregationUnits[0]");
        Assert.Empty(await _emulator.MessagesAsync(user));
    }

    [Fact]
    public async Task Validate_checks_the_messages_without_sending()
    {
        var user = await _emulator.CreateUserAsync();
        var good = Authorized(HttpMethod.Post, "/v2/bot/message/validate/push");
        good.Content = JsonContent.Create(new { messages = new[] { new { type = "text", text = "哈囉" } } });
        var bad = Authorized(HttpMethod.Post, "/v2/bot/message/validate/multicast");
        bad.Content = JsonContent.Create(new { messages = new[] { new { type = "text", text = "" } } });

        var ok = await _emulator.Http.SendAsync(good);
        var refused = await _emulator.Http.SendAsync(bad);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotEmpty((await refused.Content.ReadFromJsonAsync<JsonObject>())!["details"]!.AsArray());
        Assert.Empty(await _emulator.MessagesAsync(user));
    }

    public void Dispose() => _emulator.Dispose();

    private async Task Mark(string user, string what, object? body = null)
    {
        var index = (await _emulator.MessagesAsync(user)).Count - 1;
        var response = await _emulator.Http.PostAsJsonAsync($"/_emulator/users/{user}/messages/{index}/{what}", body ?? new { });
        response.EnsureSuccessStatusCode();
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorHost.AccessToken);
        return request;
    }
}
