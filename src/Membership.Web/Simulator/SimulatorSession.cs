using System.Text.Json;
using Membership.Web.Simulator.Chat;

namespace Membership.Web.Simulator;

/// <summary>
/// What the simulator shows in one circuit (scoped): the simulated users, the selected user's conversation (the
/// emulator's log of what the account sent, merged with what the user did here) and its quick replies.
/// Emulator failures are thrown (see <see cref="IsEmulatorFailure"/>); the page shows them.
/// </summary>
internal sealed class SimulatorSession(EmulatorClient emulator, TimeProvider clock)
{
    private readonly Dictionary<string, List<SentEvent>> _sent = new(StringComparer.Ordinal);
    private IReadOnlyList<EmulatorDelivery> _deliveries = [];
    private long _refreshesStarted;
    private long _refreshApplied;

    public IReadOnlyList<EmulatorUser> Users { get; private set; } = [];

    public string? SelectedId { get; private set; }

    public EmulatorUser? Selected => Users.FirstOrDefault(u => u.UserId == SelectedId);

    /// <summary>Both sides of the selected user's chat, oldest first.</summary>
    public IReadOnlyList<ConversationEntry> Entries { get; private set; } = [];

    public IReadOnlyList<ChatAction> QuickReplies { get; private set; } = [];

    /// <summary>Reads the users and the selected user's messages; true when something on screen changed.</summary>
    public async Task<bool> RefreshAsync(CancellationToken ct)
    {
        var userId = SelectedId;
        var refresh = Interlocked.Increment(ref _refreshesStarted);
        var users = await emulator.ListUsersAsync(ct);
        var deliveries = userId is null ? [] : await emulator.MessagesAsync(userId, ct);
        if (refresh < Interlocked.Read(ref _refreshApplied) || userId != SelectedId)
        {
            return false; // a later refresh already showed newer data, or another user was picked meanwhile
        }

        Interlocked.Exchange(ref _refreshApplied, refresh);
        var changed = !users.SequenceEqual(Users);
        Users = users;
        if (deliveries.Count != _deliveries.Count)
        {
            _deliveries = deliveries;
            Rebuild();
            changed = true;
        }

        return changed;
    }

    public async Task SelectAsync(string? userId, CancellationToken ct)
    {
        (SelectedId, _deliveries) = (userId, []);
        Rebuild();
        await RefreshAsync(ct);
    }

    /// <summary>
    /// The selected user acts. <paramref name="text"/> shows as the user's bubble (message text, postback display text),
    /// <paramref name="label"/> names a tapped postback. Returns what the emulator reported (the app's webhook status).
    /// </summary>
    public async Task<EmulatorEventResult?> SendAsync(EmulatorEvent userEvent, string? text, string? label, CancellationToken ct)
    {
        if (SelectedId is not { } userId)
        {
            return null;
        }

        var sentAt = clock.GetUtcNow();
        var result = await emulator.SendEventAsync(userId, userEvent, ct);
        if (!_sent.TryGetValue(userId, out var sent))
        {
            _sent[userId] = sent = [];
        }

        sent.Add(new SentEvent(sentAt, userEvent.Type, text, label));
        Rebuild();
        await RefreshAsync(ct);
        return result;
    }

    /// <summary>The emulator is down, slow (HttpClient timeout), refused or answered nonsense: show it, never crash.</summary>
    public static bool IsEmulatorFailure(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException or EmulatorException or JsonException or NotSupportedException
        || (ex is OperationCanceledException && !ct.IsCancellationRequested);

    private void Rebuild()
    {
        var sent = SelectedId is not null && _sent.TryGetValue(SelectedId, out var list) ? list : [];
        Entries = Conversation.Merge(_deliveries, sent);
        QuickReplies = Conversation.QuickReplies(Entries);
    }
}
