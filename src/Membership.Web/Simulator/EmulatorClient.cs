using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Membership.Web.Simulator;

/// <summary>
/// Typed client of the LINE emulator's inspection API (see src/Membership.LineEmulator/README.md).
/// Failures surface as <see cref="EmulatorException"/>, <see cref="HttpRequestException"/> or a timeout.
/// </summary>
internal sealed class EmulatorClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<IReadOnlyList<EmulatorUser>> ListUsersAsync(CancellationToken ct = default) =>
        await GetAsync<List<EmulatorUser>>("/_emulator/users", ct) ?? [];

    public async Task<EmulatorUser?> GetUserAsync(string userId, CancellationToken ct = default)
    {
        using var response = await http.GetAsync(UserPath(userId), ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<EmulatorUser>(response, ct);
    }

    public async Task<EmulatorUser> CreateUserAsync(NewEmulatorUser user, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("/_emulator/users", user, Json, ct);
        return await ReadAsync<EmulatorUser>(response, ct);
    }

    public async Task<IReadOnlyList<EmulatorDelivery>> MessagesAsync(string userId, CancellationToken ct = default) =>
        await GetAsync<List<EmulatorDelivery>>(UserPath(userId) + "/messages", ct) ?? [];

    /// <summary>The user follows, unfollows, writes or taps a postback: the emulator sends the app a signed webhook.</summary>
    public async Task<EmulatorEventResult> SendEventAsync(string userId, EmulatorEvent userEvent, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync(UserPath(userId) + "/events", userEvent, Json, ct);
        return await ReadAsync<EmulatorEventResult>(response, ct);
    }

    /// <summary>Makes the users LINE friends of the account at once (no webhooks): the demo's members exist in the emulator too.</summary>
    public async Task AddFriendsAsync(IReadOnlyList<string> userIds, CancellationToken ct = default)
    {
        foreach (var chunk in userIds.Chunk(5_000))
        {
            using var response = await http.PostAsJsonAsync("/_emulator/users/bulk", new { userIds = chunk }, Json, ct);
            await ReadAsync<JsonElement>(response, ct);
        }
    }

    /// <summary>The user opened the delivered message at <paramref name="index"/> (counted in LINE's unit statistics).</summary>
    public async Task OpenAsync(string userId, int index, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync($"{UserPath(userId)}/messages/{index}/open", new { }, Json, ct);
        await ReadAsync<JsonElement>(response, ct);
    }

    public async Task ClickAsync(string userId, int index, string url, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync($"{UserPath(userId)}/messages/{index}/click", new { url }, Json, ct);
        await ReadAsync<JsonElement>(response, ct);
    }

    private static string UserPath(string userId) => "/_emulator/users/" + Uri.EscapeDataString(userId);

    private async Task<T?> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        return await ReadAsync<T>(response, ct);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new EmulatorException((int)response.StatusCode, await ErrorMessageAsync(response, ct));
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, ct)
            ?? throw new EmulatorException((int)response.StatusCode, "Empty answer from the emulator");
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the status line.
        }

        return $"{(int)response.StatusCode} {response.ReasonPhrase}";
    }
}
