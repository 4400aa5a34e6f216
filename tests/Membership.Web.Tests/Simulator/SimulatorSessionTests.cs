using Membership.Testing.Line;
using System.Text.Json.Nodes;
using Membership.Web.Simulator;
using Membership.Web.Simulator.Chat;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Simulator;

/// <summary>The simulator page's state against the real emulator: the user's actions merged with what the account sent.</summary>
public sealed class SimulatorSessionTests(EmulatorServer emulator) : IClassFixture<EmulatorServer>
{
    private SimulatorSession NewSession() =>
        new(new EmulatorClient(new HttpClient { BaseAddress = emulator.BaseAddress }), TimeProvider.System);

    [Fact]
    public async Task Following_and_writing_show_beside_what_the_account_sent()
    {
        var session = NewSession();
        var userId = await emulator.CreateUserAsync("小美");
        await session.SelectAsync(userId, CancellationToken.None);

        await session.SendAsync(EmulatorEvent.Follow, null, null, CancellationToken.None);
        await emulator.PushAsync(userId, JsonNode.Parse("""
            {"type":"text","text":"歡迎！","quickReply":{"items":[{"type":"action","action":{"type":"postback","label":"點數","data":"points"}}]}}
            """)!);
        var changed = await session.RefreshAsync(CancellationToken.None);

        Assert.True(changed);
        Assert.True(session.Selected!.IsFriend);
        Assert.Collection(
            session.Entries,
            e => Assert.Equal(EmulatorEventTypes.Follow, Assert.IsType<OutgoingEntry>(e).Event.Type),
            e => Assert.IsType<TextMessageView>(Assert.IsType<IncomingEntry>(e).Message));
        Assert.Equal("points", Assert.Single(session.QuickReplies).Data);

        await session.SendAsync(EmulatorEvent.Postback("points"), "我的點數", "點數", CancellationToken.None);

        Assert.Equal("我的點數", Assert.IsType<OutgoingEntry>(session.Entries[^1]).Event.Text);
        Assert.Empty(session.QuickReplies);
        Assert.False(await session.RefreshAsync(CancellationToken.None)); // nothing new
    }

    [Fact]
    public async Task What_was_sent_is_kept_per_user()
    {
        var session = NewSession();
        var (first, second) = (await emulator.CreateUserAsync("A"), await emulator.CreateUserAsync("B"));

        await session.SelectAsync(first, CancellationToken.None);
        await session.SendAsync(EmulatorEvent.Message("hi"), "hi", null, CancellationToken.None);
        await session.SelectAsync(second, CancellationToken.None);
        var secondEntries = session.Entries;
        await session.SelectAsync(first, CancellationToken.None);

        Assert.Empty(secondEntries);
        Assert.Equal("hi", Assert.IsType<OutgoingEntry>(Assert.Single(session.Entries)).Event.Text);
    }

    [Fact]
    public async Task Nothing_is_sent_without_a_selected_user()
    {
        Assert.Null(await NewSession().SendAsync(EmulatorEvent.Follow, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_down_emulator_is_a_failure_the_page_can_show()
    {
        var session = new SimulatorSession(new EmulatorClient(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9") }), TimeProvider.System);

        var failure = await Record.ExceptionAsync(() => session.RefreshAsync(CancellationToken.None));

        Assert.True(SimulatorSession.IsEmulatorFailure(failure!, CancellationToken.None));
    }
}
