using System.Collections.Concurrent;

namespace Membership.LineEmulator.State;

/// <summary>Accepted narrowcasts by request id (the progress endpoint's key). Delivery is immediate here.</summary>
internal sealed class NarrowcastStore
{
    private readonly ConcurrentDictionary<string, NarrowcastProgressView> _progress = new(StringComparer.Ordinal);

    public void Add(string requestId, NarrowcastProgressView progress) => _progress[requestId] = progress;

    public NarrowcastProgressView? Find(string requestId) => _progress.GetValueOrDefault(requestId);
}

internal sealed record NarrowcastProgressView(
    string Phase,
    long SuccessCount,
    long FailureCount,
    long TargetCount,
    DateTimeOffset AcceptedTime,
    DateTimeOffset CompletedTime);
