using System.Text.Json.Nodes;

namespace Membership.LineEmulator.State;

/// <summary>Retry keys of ACCEPTED sends, kept 24 hours like LINE; after that the same key is a new request.</summary>
internal sealed class RetryKeyStore(TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Dictionary<string, AcceptedSend> _accepted = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Call under <see cref="SendGate"/>.</summary>
    public AcceptedSend? Find(string retryKey) =>
        _accepted.TryGetValue(retryKey, out var send) && time.GetUtcNow() - send.AcceptedAt < Retention ? send : null;

    /// <summary>Call under <see cref="SendGate"/>.</summary>
    public void Accept(string retryKey, string requestId, JsonArray? sentMessages) =>
        _accepted[retryKey] = new AcceptedSend(requestId, time.GetUtcNow(), sentMessages);
}

internal sealed record AcceptedSend(string RequestId, DateTimeOffset AcceptedAt, JsonArray? SentMessages);

/// <summary>Serialises sends so that retry-key check, delivery, key acceptance and quota count are one atomic step.</summary>
internal sealed class SendGate
{
    public Lock Gate { get; } = new();
}
