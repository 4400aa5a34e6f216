using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Line;

namespace Membership.Line.Tests.Emulator;

/// <summary>User-sent media content, the loading animation and mark as read, through the typed client against the emulator.</summary>
public sealed class EmulatorChatTests : IDisposable
{
    private readonly EmulatorHost _emulator = new();

    [Fact]
    public async Task Media_a_user_sends_is_served_by_the_data_api_within_a_size_limit_until_LINE_deletes_it()
    {
        var userId = await _emulator.CreateUserAsync();
        var photo = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6 };
        var image = await SendAsync(userId, new { type = "image" }, photo, "image/jpeg");
        var file = await SendAsync(userId, new { type = "file", fileName = "menu.pdf" }, new byte[300], "application/pdf");

        var content = await _emulator.Client.GetMessageContentAsync(image, maxBytes: 1_000);
        var tooLarge = await _emulator.Client.GetMessageContentAsync(file, maxBytes: 100);
        await _emulator.Http.DeleteAsync($"/_emulator/content/{image}");
        var gone = await _emulator.Client.GetMessageContentAsync(image, maxBytes: 1_000);

        Assert.Equal((LineContentStatus.Found, "image/jpeg"), (content.Status, content.ContentType));
        Assert.Equal(photo, content.Bytes);
        Assert.Equal(LineContentStatus.TooLarge, tooLarge.Status);
        Assert.Equal(LineContentStatus.Gone, gone.Status);
        var bad = await _emulator.Http.PostAsJsonAsync($"/_emulator/users/{userId}/events", new { type = "message", message = new { type = "image" }, content = "not base64!" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_loading_animation_shows_until_a_message_arrives_and_mark_as_read_marks_the_users_message()
    {
        var userId = await _emulator.CreateUserAsync();
        var sent = await _emulator.SendEventAsync(userId, "message", text: "在嗎？");
        var token = (string)sent["message"]!["markAsReadToken"]!;

        await _emulator.Client.ShowLoadingAsync(userId, 20);
        var loading = await ChatAsync(userId);
        var badSeconds = await Assert.ThrowsAsync<LineApiException>(() => _emulator.Client.ShowLoadingAsync(userId, 7));
        var unknownChat = await Assert.ThrowsAsync<LineApiException>(() => _emulator.Client.ShowLoadingAsync("U" + new string('0', 32), 5));
        await _emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage("在的！")]), Guid.NewGuid());
        var answered = await ChatAsync(userId);
        await _emulator.Client.MarkAsReadAsync(token);
        var read = await ChatAsync(userId);
        var badToken = await Assert.ThrowsAsync<LineApiException>(() => _emulator.Client.MarkAsReadAsync("no-such-token"));

        Assert.NotNull((string?)loading["loadingUntil"]);
        Assert.Equal((400, 400), (badSeconds.StatusCode, unknownChat.StatusCode));
        Assert.Null((string?)answered["loadingUntil"]); // a message ends it, as in LINE
        Assert.Equal((string?)sent["message"]!["id"], (string?)read["readMessageId"]);
        Assert.Equal(400, badToken.StatusCode);
        var logged = (await _emulator.RequestsAsync()).Select(r => (string?)r!["endpoint"]).ToList();
        Assert.Equal(3, logged.Count(e => e == "loading"));
        Assert.Equal(2, logged.Count(e => e == "mark-as-read"));
    }

    public void Dispose() => _emulator.Dispose();

    private async Task<string> SendAsync(string userId, object message, byte[] content, string contentType)
    {
        using var response = await _emulator.Http.PostAsJsonAsync($"/_emulator/users/{userId}/events", new
        {
            type = "message", message, content = Convert.ToBase64String(content), contentType,
        });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!["id"]!;
    }

    private async Task<JsonObject> ChatAsync(string userId) => (await _emulator.Http.GetFromJsonAsync<JsonObject>($"/_emulator/users/{userId}/chat"))!;
}
