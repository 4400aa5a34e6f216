extern alias emulator;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using EmulatorProgram = emulator::Program;

namespace Membership.Testing.Line;

/// <summary>
/// The real LINE emulator alone on a loopback port (Kestrel, real HTTP), no webhook URL until <see cref="SetWebhookAsync"/>.
/// A class fixture: <c>IClassFixture&lt;EmulatorServer&gt;</c>. Users and messages live as long as the fixture.
/// </summary>
public sealed class EmulatorServer : IAsyncLifetime
{
    public const string AccessToken = "demo-channel-access-token";
    public const string ChannelSecret = "demo-channel-secret-0123456789abcdef";
    public const string ChannelId = "1234567890";

    private WebApplicationFactory<EmulatorProgram>? _factory;

    /// <summary>Emulator settings on top of the test ones (e.g. <c>Emulator:MonthlyQuota</c>), read at <see cref="InitializeAsync"/>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Plain HTTP to the emulator (inspection API, raw LINE API calls: add the bearer yourself or use <see cref="PushAsync"/>).</summary>
    public HttpClient Http { get; private set; } = default!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<EmulatorProgram>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Emulator:ChannelAccessToken", AccessToken);
            builder.UseSetting("Emulator:ChannelSecret", ChannelSecret);
            builder.UseSetting("Emulator:ChannelId", ChannelId);
            builder.UseSetting("Emulator:WebhookUrl", "");
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseAddress = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
        return Task.CompletedTask;
    }

    /// <summary>The app's LINE settings pointing at this emulator (client, simulator), with short retry delays for tests.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Line:ApiBaseUrl"] = BaseAddress.ToString(),
        ["Line:EmulatorBaseUrl"] = BaseAddress.ToString(),
        ["Line:ChannelAccessToken"] = AccessToken,
        ["Line:ChannelSecret"] = ChannelSecret,
        ["Line:ChannelId"] = ChannelId,
        ["Line:Resilience:MaxRetryAttempts"] = "10",
        ["Line:Resilience:BaseDelay"] = "00:00:00.005",
        ["Line:Resilience:MaxDelay"] = "00:00:00.050",
        ["Line:Inbox:PollInterval"] = "00:00:00.200",
        ["Line:Inbox:FirstRetryDelay"] = "00:00:00.050",
        ["Line:Inbox:MaxRetryDelay"] = "00:00:00.200",
    };

    /// <summary>Creates a simulated user (not a friend unless <paramref name="follow"/>) and returns its id.</summary>
    /// <param name="language">The user's LINE language, as LINE's profile reports it.</param>
    public async Task<string> CreateUserAsync(
        string displayName = "Mei", string? pictureUrl = "https://example.com/p.png", bool follow = false, string language = "zh-TW")
    {
        using var response = await Http.PostAsJsonAsync("/_emulator/users", new { displayName, pictureUrl, language });
        response.EnsureSuccessStatusCode();
        var userId = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["userId"]!;
        if (follow)
        {
            await SendEventAsync(userId, "follow");
        }

        return userId;
    }

    /// <summary>The user acts (follow, unfollow, message, postback); answers <c>{webhookEventId, replyToken, webhookStatus}</c>.</summary>
    public async Task<JsonObject> SendEventAsync(string userId, string type, string? text = null, string? data = null)
    {
        using var response = await Http.PostAsJsonAsync($"/_emulator/users/{userId}/events", new { type, text, data });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>What was delivered to the user, oldest first: <c>{endpoint, retryKey, receivedAt, message}</c>.</summary>
    public async Task<JsonArray> MessagesAsync(string userId) =>
        (await Http.GetFromJsonAsync<JsonArray>($"/_emulator/users/{userId}/messages"))!;

    /// <summary>Pushes LINE message objects to the user as the official account would (<c>POST /v2/bot/message/push</c>).</summary>
    public async Task PushAsync(string userId, params JsonNode[] messages)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/bot/message/push")
        {
            Content = JsonContent.Create(new JsonObject { ["to"] = userId, ["messages"] = new JsonArray(messages) }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The user sends a sticker, image, video, audio, file or location message object; media content as given (else a sample).</summary>
    public async Task<JsonObject> SendMessageAsync(string userId, object message, byte[]? content = null, string? contentType = null)
    {
        using var response = await Http.PostAsJsonAsync($"/_emulator/users/{userId}/events", new
        {
            type = "message", message, content = content is null ? null : Convert.ToBase64String(content), contentType,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>What the user's chat shows: <c>{readMessageId, readAt, loadingUntil}</c>.</summary>
    public async Task<JsonObject> ChatAsync(string userId) => (await Http.GetFromJsonAsync<JsonObject>($"/_emulator/users/{userId}/chat"))!;

    /// <summary>The emulator's log of API calls (<c>{endpoint, path, status, …}</c>), newest last.</summary>
    public async Task<JsonArray> RequestsAsync() => (await Http.GetFromJsonAsync<JsonArray>("/_emulator/requests"))!;

    /// <summary>Deletes a user-sent message's content, as LINE does after a while.</summary>
    public async Task ExpireContentAsync(string messageId) => (await Http.DeleteAsync($"/_emulator/content/{messageId}")).EnsureSuccessStatusCode();

    /// <summary><c>PUT /_emulator/faults</c>, e.g. <c>new { failureRate = 0.3, statusCodes = new[] { 429, 500 } }</c>.</summary>
    public async Task SetFaultsAsync(object faults)
    {
        using var response = await Http.PutAsJsonAsync("/_emulator/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await Http.DeleteAsync("/_emulator/faults");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Where the emulator posts signed webhooks (<c>PUT /_emulator/webhook</c>), e.g. the app's <c>/line/webhook</c>.</summary>
    public async Task SetWebhookAsync(string url)
    {
        using var response = await Http.PutAsJsonAsync("/_emulator/webhook", new { endpoint = url });
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
