using Membership.Web.Integration;
using Microsoft.Extensions.Time.Testing;

namespace Membership.Web.Tests.Integration;

public sealed class ApiKeyCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_verified_key_is_served_from_memory_for_a_few_seconds_only()
    {
        var cache = new ApiKeyCache(_clock);
        var key = new ApiKeyIdentity(Guid.NewGuid(), "Till 1", ["pos"]);
        cache.Remember("hash-1", key);

        _clock.Advance(ApiKeyCache.VerifiedFor - TimeSpan.FromMilliseconds(1));
        var stillCached = cache.Find("hash-1");
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(key, stillCached);
        Assert.Null(cache.Find("hash-1")); // looked up again: a revocation elsewhere is seen within VerifiedFor
        Assert.Null(cache.Find("hash-2"));
    }

    [Fact]
    public void Forgetting_drops_every_verified_key_at_once()
    {
        var cache = new ApiKeyCache(_clock);
        cache.Remember("hash-1", new ApiKeyIdentity(Guid.NewGuid(), "Till 1", ["pos"]));
        cache.Remember("hash-2", new ApiKeyIdentity(Guid.NewGuid(), "Till 2", ["pos"]));

        cache.Forget();

        Assert.Null(cache.Find("hash-1"));
        Assert.Null(cache.Find("hash-2"));
    }
}
