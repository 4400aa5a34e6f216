using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Line;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Line.Tests.Emulator;

/// <summary>
/// The real LINE emulator on a loopback port (Kestrel, real HTTP) plus our client wired by <c>AddLineClient</c>
/// against it, with small retry delays.
/// </summary>
internal sealed class EmulatorHost : IDisposable
{
    public const string AccessToken = "demo-channel-access-token";
    public const string ChannelSecret = "demo-channel-secret-0123456789abcdef";
    public const string ChannelId = "1234567890";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly ServiceProvider _clientServices;

    public EmulatorHost(Dictionary<string, string?>? clientSettings = null)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Emulator:ChannelAccessToken", AccessToken);
            builder.UseSetting("Emulator:ChannelSecret", ChannelSecret);
            builder.UseSetting("Emulator:ChannelId", ChannelId);
            builder.UseSetting("Emulator:WebhookUrl", "");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseAddress = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient { BaseAddress = BaseAddress };

        var settings = new Dictionary<string, string?>
        {
            ["Line:ApiBaseUrl"] = BaseAddress.ToString(),
            ["Line:ChannelAccessToken"] = AccessToken,
            ["Line:ChannelSecret"] = ChannelSecret,
            ["Line:ChannelId"] = ChannelId,
            ["Line:Resilience:MaxRetryAttempts"] = "12",
            ["Line:Resilience:BaseDelay"] = "00:00:00.001",
            ["Line:Resilience:MaxDelay"] = "00:00:00.020",
            ["Line:Resilience:AttemptTimeout"] = "00:00:05",
            ["Line:Resilience:TotalTimeout"] = "00:00:30",
        };
        foreach (var (key, value) in clientSettings ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _clientServices = new ServiceCollection().AddLogging().AddLineClient(configuration).BuildServiceProvider();
        Client = _clientServices.GetRequiredService<ILineMessagingClient>();
    }

    public ManualTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public Uri BaseAddress { get; }

    /// <summary>Plain HTTP to the emulator (inspection API, raw calls).</summary>
    public HttpClient Http { get; }

    public ILineMessagingClient Client { get; }

    public async Task<string> CreateUserAsync(string displayName = "Mei", bool friend = true)
    {
        using var response = await Http.PostAsJsonAsync("/_emulator/users", new { displayName, pictureUrl = "https://example.com/p.png", language = "zh-TW" });
        response.EnsureSuccessStatusCode();
        var userId = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["userId"]!;
        if (friend)
        {
            await SendEventAsync(userId, "follow");
        }

        return userId;
    }

    public async Task<JsonObject> SendEventAsync(string userId, string type, string? text = null, string? data = null)
    {
        using var response = await Http.PostAsJsonAsync($"/_emulator/users/{userId}/events", new { type, text, data });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<JsonArray> MessagesAsync(string userId) =>
        (await Http.GetFromJsonAsync<JsonArray>($"/_emulator/users/{userId}/messages"))!;

    public async Task<JsonArray> RequestsAsync() => (await Http.GetFromJsonAsync<JsonArray>("/_emulator/requests"))!;

    public async Task SetFaultsAsync(object faults)
    {
        using var response = await Http.PutAsJsonAsync("/_emulator/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        Http.Dispose();
        _clientServices.Dispose();
        _factory.Dispose();
    }
}
