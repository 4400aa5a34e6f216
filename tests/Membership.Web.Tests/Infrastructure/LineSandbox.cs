using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Testing;
using Membership.Testing.Line;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Membership.Web.Tests.Infrastructure;

/// <summary>
/// The app and the LINE emulator, each on a real loopback port, talking real HTTP to each other: the app's LINE
/// client calls the emulator, the emulator posts signed webhooks to the app. One database per test class.
/// </summary>
public class LineSandbox : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private AsyncServiceScope _scope;

    public EmulatorServer Line { get; } = new();

    public MembershipWebFactory App { get; private set; } = default!;

    public Uri AppAddress { get; private set; } = default!;

    /// <summary>Plain HTTP to the emulator: its LINE API and its <c>/_emulator</c> inspection API.</summary>
    public HttpClient Emulator => Line.Http;

    public IServiceProvider Services => _scope.ServiceProvider;

    public string ConnectionString => _database.ConnectionString;

    protected virtual IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await Line.InitializeAsync();

        var settings = new Dictionary<string, string?>(Line.AppSettings);
        foreach (var (key, value) in AppSettings)
        {
            settings[key] = value;
        }

        App = new MembershipWebFactory(_database.ConnectionString, settings);
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        AppAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _scope = App.Services.CreateAsyncScope();
        await Line.SetWebhookAsync(new Uri(AppAddress, "/line/webhook").ToString());
    }

    public Task<string> CreateUserAsync(string displayName, string? pictureUrl = "https://example.com/p.png", string language = "zh-TW") =>
        Line.CreateUserAsync(displayName, pictureUrl, language: language);

    /// <summary>The emulated user does something; the emulator signs and posts the webhook, and the app must answer 200.</summary>
    public async Task<JsonObject> SendEventAsync(string userId, string type, string? text = null, string? data = null)
    {
        var result = await Line.SendEventAsync(userId, type, text, data);
        Assert.Equal(200, (int?)result["webhookStatus"]);
        return result;
    }

    public async Task RedeliverAsync(string webhookEventId)
    {
        using var response = await Emulator.PostAsJsonAsync("/_emulator/webhooks/redeliver", new { webhookEventId });
        response.EnsureSuccessStatusCode();
    }

    public Task<JsonArray> MessagesAsync(string userId) => Line.MessagesAsync(userId);

    /// <summary>Real HTTP to the app as a browser without scripts: cookies kept, redirects not followed.</summary>
    public HttpClient BrowserlessClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = AppAddress };

    public async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = BrowserlessClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.SignInAsync(email, MembershipWebFactory.DemoPassword)).StatusCode);
        return client;
    }

    /// <summary>Real HTTP to the app with an integration API key.</summary>
    public HttpClient ApiClient(string key)
    {
        var client = new HttpClient { BaseAddress = AppAddress };
        client.DefaultRequestHeaders.Add(Membership.Contracts.Common.IntegrationApi.HeaderName, key);
        return client;
    }

    public Task SetFaultsAsync(object faults) => Line.SetFaultsAsync(faults);

    public Task ClearFaultsAsync() => Line.ClearFaultsAsync();

    /// <summary>Polls until the condition holds (the inbox is handled in the background), giving up after the timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60)); // returns as soon as done: the bound is for slow CI machines
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

        await Line.DisposeAsync();
        await _database.DisposeAsync();
    }
}
