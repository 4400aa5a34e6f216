using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Line;

namespace Membership.Line.Tests.Emulator;

/// <summary>Our client against the real emulator over HTTP: sends, retry keys, faults, validation.</summary>
public sealed class LineClientSendTests : IDisposable
{
    private readonly EmulatorHost _emulator = new();

    [Fact]
    public async Task Push_is_delivered_and_visible_through_the_inspection_api()
    {
        var userId = await _emulator.CreateUserAsync();
        var key = Guid.NewGuid();

        var result = await _emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage("歡迎加入會員！")]), key);

        Assert.False(result.AlreadyAccepted);
        Assert.False(string.IsNullOrEmpty(result.RequestId));
        Assert.Single(result.SentMessages);
        var delivered = Assert.Single(await _emulator.MessagesAsync(userId));
        Assert.Equal("push", (string?)delivered!["endpoint"]);
        Assert.Equal(key.ToString(), (string?)delivered["retryKey"]);
        Assert.True(DateTimeOffset.TryParse((string?)delivered["receivedAt"], out _));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"text","text":"歡迎加入會員！"}"""), delivered["message"]));
    }

    [Fact]
    public async Task Push_with_a_repeated_retry_key_is_delivered_once()
    {
        var userId = await _emulator.CreateUserAsync();
        var key = Guid.NewGuid();
        var request = new PushMessageRequest(userId, [new TextMessage("once")]);

        var first = await _emulator.Client.PushAsync(request, key);
        var second = await _emulator.Client.PushAsync(request, key);

        Assert.False(first.AlreadyAccepted);
        Assert.True(second.AlreadyAccepted);
        Assert.Equal(first.RequestId, second.AcceptedRequestId);
        Assert.Equal(first.SentMessages, second.SentMessages);
        Assert.Single(await _emulator.MessagesAsync(userId));
    }

    [Fact]
    public async Task Pushes_with_30_percent_injected_429_and_500_are_each_delivered_exactly_once()
    {
        var userId = await _emulator.CreateUserAsync();
        await _emulator.SetFaultsAsync(new { failureRate = 0.3, statusCodes = new[] { 429, 500 }, seed = 42 });

        for (var i = 0; i < 20; i++)
        {
            await _emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage($"message {i}")]), Guid.NewGuid());
        }

        var texts = (await _emulator.MessagesAsync(userId)).Select(m => (string?)m!["message"]!["text"]).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"message {i}"), texts);

        // Faults really happened, and every retry re-sent the same key with byte-identical bodies.
        var pushes = (await _emulator.RequestsAsync()).Where(r => (string?)r!["endpoint"] == "push").ToList();
        Assert.Contains(pushes, r => (int)r!["status"]! is 429 or 500);
        Assert.All(pushes.GroupBy(r => (string?)r!["retryKey"]), attempts =>
        {
            Assert.Single(attempts.Select(a => (string?)a!["bodySha256"]).Distinct());
            Assert.Single(attempts, a => (int)a!["status"]! == 200);
        });
    }

    [Fact]
    public async Task Push_whose_answer_was_lost_is_not_sent_again_by_the_retry()
    {
        using var emulator = new EmulatorHost(new() { ["Line:Resilience:AttemptTimeout"] = "00:00:00.300" });
        var userId = await emulator.CreateUserAsync();
        await emulator.SetFaultsAsync(new { failureRate = 0.0, answerDelayMs = 1500 });

        var result = await emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage("slow")]), Guid.NewGuid());

        Assert.True(result.AlreadyAccepted);
        Assert.NotNull(result.AcceptedRequestId);
        Assert.Single(result.SentMessages);
        Assert.Single(await emulator.MessagesAsync(userId));
    }

    [Fact]
    public async Task Validation_error_surfaces_as_LineApiException_with_LINE_message_and_details_and_is_not_retried()
    {
        var userId = await _emulator.CreateUserAsync();
        var key = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<LineApiException>(() =>
            _emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage(new string('a', 5001))]), key));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("The request body has 1 error(s)", error.LineMessage);
        var detail = Assert.Single(error.Details);
        Assert.Equal("messages[0].text", detail.Property);
        Assert.Equal("Length must be between 1 and 5000", detail.Message);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Single(await _emulator.RequestsAsync(), r => (string?)r!["retryKey"] == key.ToString());
        Assert.Empty(await _emulator.MessagesAsync(userId));
    }

    [Fact]
    public async Task Six_messages_in_one_send_are_refused()
    {
        var userId = await _emulator.CreateUserAsync();
        var six = Enumerable.Range(1, 6).Select(i => (LineMessage)new TextMessage($"m{i}")).ToList();

        var error = await Assert.ThrowsAsync<LineApiException>(() => _emulator.Client.PushAsync(new PushMessageRequest(userId, six), Guid.NewGuid()));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(error.Details, d => d.Property == "messages" && d.Message == "Size must be between 1 and 5");
        Assert.Empty(await _emulator.MessagesAsync(userId));
    }

    [Fact]
    public async Task Quick_reply_with_14_items_is_refused()
    {
        var userId = await _emulator.CreateUserAsync();
        var items = Enumerable.Range(1, 14).Select(i => new QuickReplyItem(new MessageAction($"{i}") { Label = $"{i}" })).ToList();

        var error = await Assert.ThrowsAsync<LineApiException>(() => _emulator.Client.PushAsync(
            new PushMessageRequest(userId, [new TextMessage("pick") { QuickReply = new QuickReply(items) }]), Guid.NewGuid()));

        Assert.Contains(error.Details, d => d.Property == "messages[0].quickReply.items");
    }

    [Fact]
    public async Task Push_to_an_unknown_user_is_refused()
    {
        var error = await Assert.ThrowsAsync<LineApiException>(() =>
            _emulator.Client.PushAsync(new PushMessageRequest("U" + new string('0', 32), [new TextMessage("hi")]), Guid.NewGuid()));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("'to'", error.LineMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_over_2_MB_is_refused_with_413()
    {
        var userId = await _emulator.CreateUserAsync();
        var huge = JsonSerializer.SerializeToElement(new { type = "bubble", padding = new string('x', 2_200_000) });

        var error = await Assert.ThrowsAsync<LineApiException>(() =>
            _emulator.Client.PushAsync(new PushMessageRequest(userId, [new FlexMessage("big", huge)]), Guid.NewGuid()));

        Assert.Equal(413, error.StatusCode);
    }

    [Fact]
    public async Task Wrong_access_token_is_refused_with_401()
    {
        using var emulator = new EmulatorHost(new() { ["Line:ChannelAccessToken"] = "not-the-token" });

        var error = await Assert.ThrowsAsync<LineApiException>(() => emulator.Client.GetMessageQuotaAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.StartsWith("Authentication failed", error.LineMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exceeding_the_rate_limit_fails_with_429_once_retries_are_spent()
    {
        var userId = await _emulator.CreateUserAsync();
        await _emulator.SetFaultsAsync(new { failureRate = 0.0, rateLimits = new { push = 2 } });
        await _emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage("1")]), Guid.NewGuid());
        await _emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage("2")]), Guid.NewGuid());

        // The emulator's clock is frozen in tests, so the bucket never refills.
        var error = await Assert.ThrowsAsync<LineApiException>(() =>
            _emulator.Client.PushAsync(new PushMessageRequest(userId, [new TextMessage("3")]), Guid.NewGuid()));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal("The API rate limit has been exceeded. Try again later.", error.LineMessage);
        Assert.Equal(2, (await _emulator.MessagesAsync(userId)).Count);
    }

    [Fact]
    public async Task Retry_key_on_reply_is_refused_with_400()
    {
        var userId = await _emulator.CreateUserAsync(friend: false);
        var replyToken = (string)(await _emulator.SendEventAsync(userId, "message", text: "hi"))["replyToken"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/bot/message/reply")
        {
            Content = JsonContent.Create(new { replyToken, messages = new[] { new { type = "text", text = "x" } } }),
        };
        request.Headers.Authorization = new("Bearer", EmulatorHost.AccessToken);
        request.Headers.Add("X-Line-Retry-Key", Guid.NewGuid().ToString());

        using var response = await _emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Line-Request-Id"));
        Assert.Empty(await _emulator.MessagesAsync(userId));
    }

    public void Dispose() => _emulator.Dispose();
}
