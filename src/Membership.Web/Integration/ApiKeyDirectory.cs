using System.Security.Cryptography;
using System.Text;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Shared.Paging;
using Membership.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Web.Integration;

public sealed record ApiKeyListItem(
    Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>The secret of a new key: shown once, then only its hash exists.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Secret);

/// <summary>The key that authenticated a request.</summary>
public sealed record ApiKeyIdentity(Guid Id, string Name, IReadOnlyList<string> Scopes);

/// <summary>API keys for the Owner's page and for authenticating integration requests.</summary>
public sealed class ApiKeyDirectory(IDbContextFactory<AppDbContext> dbFactory, IAuditTrail audit, TimeProvider clock, ApiKeyCache cache)
{
    public const int MaxNameLength = 100;

    /// <summary><c>last_used_at</c> is written at most this often per key: a busy till must not write on every call.</summary>
    internal static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<PagedResult<ApiKeyListItem>> ListAsync(PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking()
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyListItem(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt, k.RevokedBy))
            .ToPagedResultAsync(page, ct);
    }

    public static IReadOnlyList<string> AllScopes { get; } = [IntegrationApi.PosScope, IntegrationApi.MarketingScope, IntegrationApi.SupportScope];

    /// <param name="scopes">What the key may call; <see cref="IntegrationApi.PosScope"/> when none are given.</param>
    public async Task<CreatedApiKey> CreateAsync(string name, string? createdBy, CancellationToken ct = default, IReadOnlyCollection<string>? scopes = null)
    {
        var trimmed = name.Trim();
        var granted = ValidScopes(scopes);
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"A key's name has 1 to {MaxNameLength} characters.", nameof(name));
        }

        var secret = ApiKeySecrets.New();
        var key = await AddAsync(trimmed, secret, createdBy, granted, ct);
        await audit.RecordAsync(new AuditRecord("api-key.created", "api-key", key.Id.ToString(), $"name={trimmed}, prefix={key.Prefix}, scopes={string.Join(' ', granted)}"), ct);
        return new CreatedApiKey(key.Id, trimmed, secret);
    }

    public async Task<bool> RevokeAsync(Guid id, string? revokedBy, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || key.RevokedAt is not null)
        {
            return false;
        }

        key.RevokedAt = clock.GetUtcNow();
        key.RevokedBy = revokedBy;
        await db.SaveChangesAsync(ct);
        cache.Forget();
        await audit.RecordAsync(new AuditRecord("api-key.revoked", "api-key", key.Id.ToString(), $"name={key.Name}, prefix={key.Prefix}"), ct);
        return true;
    }

    /// <summary>
    /// The active key with this secret, or null. Found by its hash; the hashes are compared in constant time too.
    /// A key verified in the last <see cref="ApiKeyCache.VerifiedFor"/> is not looked up again.
    /// </summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        var hash = ApiKeySecrets.Hash(secret);
        if (cache.Find(hash) is { } verified)
        {
            return verified;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.Hash, k.LastUsedAt, k.Scopes })
            .FirstOrDefaultAsync(ct);
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.Hash), Encoding.ASCII.GetBytes(hash)))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            var staleBefore = now - LastUsedResolution;
            await db.ApiKeys
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        var identity = new ApiKeyIdentity(key.Id, key.Name, key.Scopes);
        cache.Remember(hash, identity);
        return identity;
    }

    /// <summary>Demo mode's well-known key, stored hashed like any other; once there (even revoked), left alone.</summary>
    internal async Task<bool> EnsureSeededAsync(string name, string secret, IReadOnlyCollection<string> scopes, CancellationToken ct = default)
    {
        var hash = ApiKeySecrets.Hash(secret);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct))
            {
                return false;
            }
        }

        await AddAsync(name, secret, "system", ValidScopes(scopes), ct);
        return true;
    }

    private static string[] ValidScopes(IReadOnlyCollection<string>? scopes)
    {
        if (scopes is null || scopes.Count == 0)
        {
            return [IntegrationApi.PosScope];
        }

        var unknown = scopes.FirstOrDefault(s => !AllScopes.Contains(s));
        return unknown is null
            ? AllScopes.Where(scopes.Contains).ToArray()
            : throw new ArgumentException($"Unknown API scope '{unknown}'; scopes are {string.Join(", ", AllScopes)}.", nameof(scopes));
    }

    private async Task<ApiKey> AddAsync(string name, string secret, string? createdBy, string[] scopes, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Prefix = ApiKeySecrets.PrefixOf(secret),
            Hash = ApiKeySecrets.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = createdBy,
            Scopes = scopes,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return key;
    }
}
