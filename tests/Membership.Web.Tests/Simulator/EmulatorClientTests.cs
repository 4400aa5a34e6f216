using Membership.Testing.Line;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Web.Simulator;
using Membership.Web.Simulator.Chat;
using Membership.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Membership.Web.Tests.Simulator;

/// <summary>The simulator's client against the real emulator over HTTP.</summary>
public sealed class EmulatorClientTests(EmulatorServer emulator) : IClassFixture<EmulatorServer>
{
    private EmulatorClient Client() => new(new HttpClient { BaseAddress = emulator.BaseAddress });

    [Fact]
    public async Task A_created_user_is_listed_and_found_and_not_yet_a_friend()
    {
        var client = Client();

        var created = await client.CreateUserAsync(new NewEmulatorUser("小美", "https://example.com/mei.png"));
        var listed = await client.ListUsersAsync();
        var found = await client.GetUserAsync(created.UserId);

        Assert.Matches("^U[0-9a-f]{32}$", created.UserId);
        Assert.Equal(("小美", "https://example.com/mei.png", "zh-TW"), (created.DisplayName, created.PictureUrl, created.Language));
        Assert.Contains(created, listed);
        Assert.Equal(created, found);
        Assert.False(created.IsFriend);
        Assert.False(created.IsBlocked);
    }

    [Fact]
    public async Task An_unknown_user_is_null()
    {
        Assert.Null(await Client().GetUserAsync("U" + new string('0', 32)));
    }

    [Fact]
    public async Task Follow_unfollow_and_follow_again_flip_the_friend_state()
    {
        var client = Client();
        var user = await client.CreateUserAsync(new NewEmulatorUser("Ken"));

        var follow = await client.SendEventAsync(user.UserId, EmulatorEvent.Follow);
        var afterFollow = await client.GetUserAsync(user.UserId);
        await client.SendEventAsync(user.UserId, EmulatorEvent.Unfollow);
        var afterBlock = await client.GetUserAsync(user.UserId);
        await client.SendEventAsync(user.UserId, EmulatorEvent.Follow);
        var afterUnblock = await client.GetUserAsync(user.UserId);

        Assert.NotEmpty(follow.WebhookEventId);
        Assert.NotNull(follow.ReplyToken);
        Assert.Null(follow.WebhookStatus); // no webhook URL in this fixture
        Assert.Equal((true, false), (afterFollow!.IsFriend, afterFollow.IsBlocked));
        Assert.Equal((false, true), (afterBlock!.IsFriend, afterBlock.IsBlocked));
        Assert.Equal((true, false), (afterUnblock!.IsFriend, afterUnblock.IsBlocked));
    }

    [Fact]
    public async Task Message_and_postback_events_are_accepted()
    {
        var client = Client();
        var user = await client.CreateUserAsync(new NewEmulatorUser("Amy"));

        var message = await client.SendEventAsync(user.UserId, EmulatorEvent.Message("你好"));
        var postback = await client.SendEventAsync(user.UserId, EmulatorEvent.Postback("action=points"));

        Assert.NotEqual(message.WebhookEventId, postback.WebhookEventId);
    }

    [Fact]
    public async Task Messages_the_account_pushed_come_back_oldest_first_as_message_objects()
    {
        var client = Client();
        var userId = await emulator.CreateUserAsync("Lin", follow: true);

        await emulator.PushAsync(userId, new JsonObject { ["type"] = "text", ["text"] = "歡迎加入！" });
        await emulator.PushAsync(userId, JsonNode.Parse("""
            {"type":"template","altText":"選單","template":{"type":"buttons","text":"要做什麼？",
             "actions":[{"type":"postback","label":"查點數","data":"action=points"}]}}
            """)!);
        var messages = await client.MessagesAsync(userId);

        Assert.Equal(["push", "push"], messages.Select(m => m.Endpoint));
        Assert.True(messages[0].ReceivedAt <= messages[1].ReceivedAt);
        var text = Assert.IsType<TextMessageView>(LineMessageParser.Parse(messages[0].Message));
        Assert.Equal("歡迎加入！", Assert.Single(text.Segments).Text);
        var template = Assert.IsType<TemplateMessageView>(LineMessageParser.Parse(messages[1].Message));
        Assert.Equal("action=points", Assert.Single(Assert.Single(template.Cards).Actions).Data);
    }

    [Fact]
    public async Task A_refusal_carries_the_emulators_message()
    {
        var client = Client();
        var user = await client.CreateUserAsync(new NewEmulatorUser("Bo"));

        var refused = await Assert.ThrowsAsync<EmulatorException>(() => client.SendEventAsync(user.UserId, new EmulatorEvent("message")));

        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("type must be", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_emulator_is_an_http_request_exception()
    {
        var client = new EmulatorClient(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9") });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.ListUsersAsync());
    }

    [Fact]
    public async Task The_registration_points_the_client_at_the_configured_emulator()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Line:EmulatorBaseUrl"] = emulator.BaseAddress.ToString() })
            .Build();
        await using var services = new ServiceCollection().AddCustomerSimulator(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<SimulatorOptions>();
        var users = await services.GetRequiredService<EmulatorClient>().ListUsersAsync();

        Assert.True(options.IsEnabled);
        Assert.NotNull(users);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:5081")]
    public void Without_an_emulator_address_the_simulator_is_off(string? url)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Line:EmulatorBaseUrl"] = url })
            .Build();

        Assert.False(SimulatorOptions.From(configuration).IsEnabled);
    }

    [Fact]
    public async Task The_fixture_can_point_webhooks_somewhere()
    {
        // Port 9 refuses at once, so other tests here still see "no webhook delivered" (null status).
        await emulator.SetWebhookAsync("http://127.0.0.1:9/line/webhook");
        var webhook = await emulator.Http.GetFromJsonAsync<JsonObject>("/_emulator/webhook");

        Assert.Equal("http://127.0.0.1:9/line/webhook", (string?)webhook!["endpoint"]);
    }
}
