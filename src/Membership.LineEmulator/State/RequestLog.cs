using System.Collections.Concurrent;

namespace Membership.LineEmulator.State;

/// <summary>Log of API calls (<c>GET /_emulator/requests</c>), newest last, the last 10 000 kept.</summary>
internal sealed class RequestLog
{
    private const int Capacity = 10_000;
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    public void Add(RequestLogEntry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<RequestLogEntry> All() => _entries.ToArray();

    public void Clear() => _entries.Clear();
}

/// <param name="BodySha256">Hex SHA-256 of the request body: shows that retries re-sent the same bytes.</param>
internal sealed record RequestLogEntry(
    DateTimeOffset At,
    string Method,
    string Path,
    string Endpoint,
    int Status,
    string? RetryKey,
    string RequestId,
    string? BodySha256);
