extern alias emulator;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using EmulatorProgram = emulator::Program;

namespace Membership.Web.Tests.Infrastructure;

/// <summary>
/// The app and the LINE emulator, each on a real loopback port, talking real HTTP to each other: the app's LINE
/// client calls the emulator, the emulator posts signed webhooks to the app. One database per test class.
/// </summary>
public class LineSandbox : IAsyncLifetime
{
    public const string AccessToken = "sandbox-access-token";
    public const string ChannelSecret = "sandbox-channel-secret-0123456789";
    public const string ChannelId = "2000000001";

    private readonly PostgresDatabaseFixture _database = new();
    private WebApplicationFactory<EmulatorProgram>? _emulator;
    private AsyncServiceScope _scope;

    public MembershipWebFactory App { get; private set; } = default!;

    public Uri AppAddress { get; private set; } = default!;

    /// <summary>Plain HTTP to the emulator: its LINE API and its <c>/_emulator</c> inspection API.</summary>
    public HttpClient Emulator { get; private set; } = default!;

    public IServiceProvider Services => _scope.ServiceProvider;

    public string ConnectionString => _database.ConnectionString;

    protected virtual IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _emulator = new WebApplicationFactory<EmulatorProgram>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Emulator:ChannelAccessToken", AccessToken);
            builder.UseSetting("Emulator:ChannelSecret", ChannelSecret);
            builder.UseSetting("Emulator:ChannelId", ChannelId);
            builder.UseSetting("Emulator:WebhookUrl", "");
        });
        _emulator.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _emulator.StartServer();
        var emulatorAddress = AddressOf(_emulator.Services);
        Emulator = new HttpClient { BaseAddress = emulatorAddress };

        var settings = new Dictionary<string, string?>
        {
            ["Line:ApiBaseUrl"] = emulatorAddress.ToString(),
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
        foreach (var (key, value) in AppSettings)
        {
            settings[key] = value;
        }

        App = new MembershipWebFactory(_database.ConnectionString, settings);
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        AppAddress = AddressOf(App.Services);
        _scope = App.Services.CreateAsyncScope();
        (await Emulator.PutAsJsonAsync("/_emulator/webhook", new { endpoint = new Uri(AppAddress, "/line/webhook").ToString() })).EnsureSuccessStatusCode();
    }

    public async Task<string> CreateUserAsync(string displayName, string? pictureUrl = "https://example.com/p.png")
    {
        using var response = await Emulator.PostAsJsonAsync("/_emulator/users", new { displayName, pictureUrl, language = "zh-TW" });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["userId"]!;
    }

    /// <summary>The emulated user does something; the emulator signs and posts the webhook and reports the app's status.</summary>
    public async Task<JsonObject> SendEventAsync(string userId, string type, string? text = null, string? data = null)
    {
        using var response = await Emulator.PostAsJsonAsync($"/_emulator/users/{userId}/events", new { type, text, data });
        response.EnsureSuccessStatusCode();
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(200, (int?)result["webhookStatus"]);
        return result;
    }

    public async Task RedeliverAsync(string webhookEventId)
    {
        using var response = await Emulator.PostAsJsonAsync("/_emulator/webhooks/redeliver", new { webhookEventId });
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonArray> MessagesAsync(string userId) =>
        (await Emulator.GetFromJsonAsync<JsonArray>($"/_emulator/users/{userId}/messages"))!;

    public async Task SetFaultsAsync(object faults) =>
        (await Emulator.PutAsJsonAsync("/_emulator/faults", faults)).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync() => (await Emulator.DeleteAsync("/_emulator/faults")).EnsureSuccessStatusCode();

    /// <summary>Polls until the condition holds (the inbox is handled in the background), failing after the timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await _scope.DisposeAsync();
            await App.DisposeAsync();
        }

        Emulator?.Dispose();
        _emulator?.Dispose();
        await _database.DisposeAsync();
    }

    private static Uri AddressOf(IServiceProvider services) =>
        new(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
