using System.Security.Cryptography;
using System.Text;

namespace Membership.Line.Client;

/// <summary>
/// <c>x-line-signature</c> = Base64(HMAC-SHA256(key: channel secret, data: the raw request body bytes)).
/// Check it on the exact bytes received, before any parsing.
/// </summary>
internal static class LineSignature
{
    private const int SignatureLength = 32; // SHA-256

    public static string Compute(string channelSecret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelSecret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), body));
    }

    /// <summary>Constant-time check; false for a missing, malformed or wrong signature.</summary>
    public static bool IsValid(string channelSecret, ReadOnlySpan<byte> body, string? signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelSecret);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        Span<byte> received = stackalloc byte[SignatureLength + 3];
        if (!Convert.TryFromBase64String(signature, received, out var written) || written != SignatureLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SignatureLength];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received[..SignatureLength]);
    }
}
