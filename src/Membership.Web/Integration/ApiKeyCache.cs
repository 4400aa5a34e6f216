using System.Collections.Concurrent;

namespace Membership.Web.Integration;

/// <summary>
/// Keys verified recently, by secret hash, so a busy till is not looked up in the database on every call.
/// A revocation in this process clears the cache at once; one made by another instance of the app (or by hand in
/// the database) takes effect within <see cref="VerifiedFor"/>. Only accepted keys are kept: an unknown key is
/// always looked up, and the cache is emptied when it grows past <see cref="MaxEntries"/>.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock)
{
    public static readonly TimeSpan VerifiedFor = TimeSpan.FromSeconds(5);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _verified = new(StringComparer.Ordinal);

    public ApiKeyIdentity? Find(string hash) =>
        _verified.TryGetValue(hash, out var entry) && clock.GetUtcNow() - entry.VerifiedAt < VerifiedFor ? entry.Key : null;

    public void Remember(string hash, ApiKeyIdentity key)
    {
        if (_verified.Count >= MaxEntries)
        {
            _verified.Clear();
        }

        _verified[hash] = new Entry(key, clock.GetUtcNow());
    }

    public void Forget() => _verified.Clear();

    private sealed record Entry(ApiKeyIdentity Key, DateTimeOffset VerifiedAt);
}
