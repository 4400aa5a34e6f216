using System.Security.Cryptography;
using Membership.Contracts.Broadcast;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace Membership.Broadcast.Results;

/// <summary>What a tracked-link token stands for.</summary>
internal readonly record struct LinkToken(Guid CampaignId, Guid MemberId, int LinkIndex);

/// <summary>
/// Tracked-link tokens: campaign, recipient and link index, signed with HMAC-SHA256 (truncated to 96 bits) so a
/// token cannot be made up or altered. The key is made once per database from a cryptographic random source and
/// kept in <c>broadcast_settings</c>, so every instance signs and checks with the same one.
/// </summary>
internal sealed class LinkTokens(NpgsqlDataSource dataSource)
{
    private const int MacLength = 12;
    private const int PayloadLength = 16 + 16 + 1;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async Task<string> CreateAsync(LinkToken token, CancellationToken ct)
    {
        var key = await KeyAsync(ct);
        Span<byte> bytes = stackalloc byte[PayloadLength + MacLength];
        Write(token, bytes);
        HMACSHA256.HashData(key, bytes[..PayloadLength])[..MacLength].CopyTo(bytes[PayloadLength..]);
        return WebEncoders.Base64UrlEncode(bytes.ToArray());
    }

    /// <summary>The token's contents, or null when it is malformed or its signature does not match.</summary>
    public async Task<LinkToken?> ReadAsync(string text, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length != PayloadLength + MacLength)
        {
            return null;
        }

        var key = await KeyAsync(ct);
        var expected = HMACSHA256.HashData(key, bytes.AsSpan(0, PayloadLength));
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, MacLength), bytes.AsSpan(PayloadLength)))
        {
            return null;
        }

        return new LinkToken(new Guid(bytes.AsSpan(0, 16)), new Guid(bytes.AsSpan(16, 16)), bytes[32]);
    }

    private static void Write(LinkToken token, Span<byte> bytes)
    {
        token.CampaignId.TryWriteBytes(bytes[..16]);
        token.MemberId.TryWriteBytes(bytes[16..32]);
        bytes[32] = checked((byte)token.LinkIndex);
    }

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_key is null)
            {
                // Two instances may race here: the first key stored wins and both read it back.
                await using var command = dataSource.CreateCommand("""
                    INSERT INTO broadcast_settings (id, cap_messages, cap_days, quiet_start, quiet_end, updated_at, link_key)
                    VALUES (1, @cap, @days, @quiet_start, @quiet_end, now(), @key)
                    ON CONFLICT (id) DO UPDATE SET link_key = coalesce(broadcast_settings.link_key, excluded.link_key)
                    RETURNING link_key
                    """);
                var defaults = BroadcastSettings.Default;
                command.Parameters.AddWithValue("cap", defaults.CapMessages);
                command.Parameters.AddWithValue("days", defaults.CapDays);
                command.Parameters.AddWithValue("quiet_start", defaults.QuietStart);
                command.Parameters.AddWithValue("quiet_end", defaults.QuietEnd);
                command.Parameters.AddWithValue("key", RandomNumberGenerator.GetBytes(32));
                _key = (byte[])(await command.ExecuteScalarAsync(ct))!;
            }

            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }
}
