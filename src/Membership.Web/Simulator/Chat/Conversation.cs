namespace Membership.Web.Simulator.Chat;

/// <summary>What the simulated user did in this circuit: the emulator logs only what the account sent.</summary>
/// <param name="Type"><c>follow</c>, <c>unfollow</c>, <c>message</c> or <c>postback</c>.</param>
/// <param name="Text">The text the user wrote, or a postback's display text (shown as the user's bubble).</param>
/// <param name="Label">The label of the tapped postback action.</param>
public sealed record SentEvent(DateTimeOffset At, string Type, string? Text = null, string? Label = null);

public abstract record ConversationEntry(DateTimeOffset At);

/// <summary>A message the official account sent to the user.</summary>
public sealed record IncomingEntry(DateTimeOffset At, ChatMessageView Message) : ConversationEntry(At);

/// <summary>Something the user did.</summary>
public sealed record OutgoingEntry(DateTimeOffset At, SentEvent Event) : ConversationEntry(At);

internal static class Conversation
{
    /// <summary>Both sides by time; on a tie the user's action comes first (the account answers it).</summary>
    public static IReadOnlyList<ConversationEntry> Merge(IEnumerable<EmulatorDelivery> deliveries, IEnumerable<SentEvent> sent) =>
        sent.Select(e => (ConversationEntry)new OutgoingEntry(e.At, e))
            .Concat(deliveries.Select(d => new IncomingEntry(d.ReceivedAt, LineMessageParser.Parse(d.Message))))
            .OrderBy(e => e.At)
            .ToList();

    /// <summary>LINE shows quick reply chips only while the message carrying them is the last one in the chat.</summary>
    public static IReadOnlyList<ChatAction> QuickReplies(IReadOnlyList<ConversationEntry> entries) =>
        entries.Count > 0 && entries[^1] is IncomingEntry last ? last.Message.QuickReplies : [];
}
