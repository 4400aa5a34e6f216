using System.Net;
using System.Security.Cryptography;
using System.Text;
using Membership.Web.Tests.Infrastructure;
using Npgsql;

namespace Membership.Web.Tests.Line;

/// <summary>The webhook's front door: only correctly signed, well-formed bodies are stored, each event once.</summary>
public sealed class WebhookEndpointTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Secret = MembershipWebFactory.LineChannelSecret;

    [Fact]
    public async Task Missing_signature_is_refused_and_nothing_stored()
    {
        var body = Body(Event("01J00000000000000000000001"));

        var response = await Post(body, signature: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync("01J00000000000000000000001"));
    }

    [Fact]
    public async Task Wrong_secret_or_a_flipped_byte_is_refused()
    {
        var body = Body(Event("01J00000000000000000000002"));
        var tampered = body.Replace("\"follow\"", "\"unfollow\"", StringComparison.Ordinal);

        var wrongSecret = await Post(body, Sign(body, "not-the-secret"));
        var flipped = await Post(tampered, Sign(body, Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, flipped.StatusCode);
        Assert.Equal(0, await CountAsync("01J00000000000000000000002"));
    }

    [Fact]
    public async Task Malformed_json_with_a_valid_signature_is_a_bad_request()
    {
        const string body = "{\"destination\":\"U0\",\"events\":[{\"type\":\"follow\",";

        var response = await Post(body, Sign(body, Secret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_event_without_its_id_fails_the_whole_body()
    {
        var body = Body(Event("01J00000000000000000000003"), "{\"type\":\"follow\",\"timestamp\":1}");

        var response = await Post(body, Sign(body, Secret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountAsync("01J00000000000000000000003"));
    }

    [Fact]
    public async Task Lines_verification_call_with_no_events_is_answered_200()
    {
        // LINE's documented example body; our secret differs, so sign it with ours.
        const string body = "{\"destination\":\"U8e742f61d673b39c7fff3cecb7536ef0\",\"events\":[]}";

        var response = await Post(body, Sign(body, Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_with_413()
    {
        var body = Body(Event("01J00000000000000000000004", padding: new string('x', 1024 * 1024)));

        var response = await Post(body, Sign(body, Secret));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CountAsync("01J00000000000000000000004"));
    }

    [Fact]
    public async Task Every_event_is_stored_once_even_when_the_body_comes_again()
    {
        var body = Body(Event("01J00000000000000000000005"), Event("01J00000000000000000000006", type: "somethingNew"));

        var first = await Post(body, Sign(body, Secret));
        var again = await Post(body, Sign(body, Secret));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await CountAsync("01J00000000000000000000005"));
        Assert.Equal(1, await CountAsync("01J00000000000000000000006"));
    }

    private static string Body(params string[] events) =>
        $"{{\"destination\":\"Ufeedfacecafebeef0123456789abcdef\",\"events\":[{string.Join(',', events)}]}}";

    private static string Event(string id, string type = "follow", string padding = "") =>
        $$$"""{"type":"{{{type}}}","mode":"active","timestamp":1764060000000,"webhookEventId":"{{{id}}}","deliveryContext":{"isRedelivery":false},"source":{"type":"user","userId":"U{{{new string('0', 31)}}}1"},"replyToken":"r{{{padding}}}","follow":{"isUnblocked":false}}""";

    private static string Sign(string body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private async Task<HttpResponseMessage> Post(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/line/webhook")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.Add("x-line-signature", signature);
        }

        return await app.Factory.CreateBrowserlessClient().SendAsync(request);
    }

    private async Task<long> CountAsync(string webhookEventId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM line_inbox_events WHERE webhook_event_id = @id", connection);
        command.Parameters.AddWithValue("id", webhookEventId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
