using System.Security.Cryptography;

namespace Membership.LineEmulator.State;

/// <summary>
/// Reply tokens issued with webhooks: single use, valid <see cref="EmulatorOptions.ReplyTokenLifetime"/> (one minute) from
/// the event (redelivery keeps the token).
/// </summary>
internal sealed class ReplyTokenStore(TimeProvider time, Microsoft.Extensions.Options.IOptions<EmulatorOptions> options)
{
    private readonly TimeSpan _lifetime = options.Value.ReplyTokenLifetime;

    private readonly Dictionary<string, Entry> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Issue(string userId)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_gate)
        {
            _tokens[token] = new Entry(userId, time.GetUtcNow());
        }

        return token;
    }

    /// <summary>Uses the token up; returns its user, or null when it is unknown, used or expired.</summary>
    public string? TryConsume(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out var entry) || entry.Used || time.GetUtcNow() - entry.IssuedAt > _lifetime)
            {
                return null;
            }

            _tokens[token] = entry with { Used = true };
            return entry.UserId;
        }
    }

    private sealed record Entry(string UserId, DateTimeOffset IssuedAt, bool Used = false);
}
