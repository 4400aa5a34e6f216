using Membership.Contracts.Tiers;

namespace Membership.Tiers.Definitions;

/// <summary>
/// The tier program as last read, for the tier look-up every purchase makes. Saving the program here clears it at
/// once; a change made by another instance of the app is seen within <see cref="CacheFor"/>.
/// </summary>
internal sealed class TierProgramCache(TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private volatile Cached? _cached;

    public TierProgram? Find() => _cached is { } cached && clock.GetUtcNow() - cached.ReadAt < CacheFor ? cached.Program : null;

    public void Remember(TierProgram program) => _cached = new Cached(program, clock.GetUtcNow());

    public void Forget() => _cached = null;

    private sealed record Cached(TierProgram Program, DateTimeOffset ReadAt);
}
