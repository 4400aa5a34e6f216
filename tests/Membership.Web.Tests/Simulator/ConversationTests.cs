using System.Text.Json;
using Membership.Web.Simulator;
using Membership.Web.Simulator.Chat;

namespace Membership.Web.Tests.Simulator;

public sealed class ConversationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);

    private static EmulatorDelivery Delivered(int seconds, string json) =>
        new("reply", null, T0.AddSeconds(seconds), JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void Both_sides_are_merged_by_time_and_the_users_action_comes_first_on_a_tie()
    {
        var entries = Conversation.Merge(
            [Delivered(0, """{"type":"text","text":"歡迎"}"""), Delivered(5, """{"type":"text","text":"收到"}""")],
            [new SentEvent(T0, "follow"), new SentEvent(T0.AddSeconds(3), "message", "你好")]);

        Assert.Collection(
            entries,
            e => Assert.Equal("follow", Assert.IsType<OutgoingEntry>(e).Event.Type),
            e => Assert.IsType<IncomingEntry>(e),
            e => Assert.Equal("你好", Assert.IsType<OutgoingEntry>(e).Event.Text),
            e => Assert.Equal(T0.AddSeconds(5), Assert.IsType<IncomingEntry>(e).At));
    }

    [Fact]
    public void Quick_replies_show_only_while_their_message_is_the_last_one()
    {
        const string withQuickReply = """
            {"type":"text","text":"選一個","quickReply":{"items":[{"type":"action","action":{"type":"message","label":"A","text":"A"}}]}}
            """;
        var waiting = Conversation.Merge([Delivered(0, withQuickReply)], []);
        var answered = Conversation.Merge([Delivered(0, withQuickReply)], [new SentEvent(T0.AddSeconds(1), "message", "A")]);

        Assert.Equal("A", Assert.Single(Conversation.QuickReplies(waiting)).Label);
        Assert.Empty(Conversation.QuickReplies(answered));
        Assert.Empty(Conversation.QuickReplies([]));
    }

    [Theory]
    [InlineData("no links", 1)]
    [InlineData("see https://a.example/x?y=1, then http://b.example!", 5)]
    [InlineData("", 1)]
    public void Text_is_split_around_links(string text, int segments)
    {
        var split = TextLinks.Split(text);

        Assert.Equal(segments, split.Count);
        Assert.Equal(text, string.Concat(split.Select(s => s.Text)));
        Assert.All(split.Where(s => s.Url is not null), s => Assert.StartsWith("http", s.Url, StringComparison.Ordinal));
    }
}
