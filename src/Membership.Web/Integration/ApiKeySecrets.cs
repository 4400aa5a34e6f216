using System.Security.Cryptography;
using System.Text;

namespace Membership.Web.Integration;

/// <summary>Key material: <c>mbr_</c> and 32 random bytes in base64url; stored as SHA-256 only.</summary>
internal static class ApiKeySecrets
{
    public const string KeyPrefix = "mbr_";

    public static string New() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Enough to recognise a key, never enough to use it: at most 8 characters and half of the secret.</summary>
    public static string PrefixOf(string secret) => secret[..Math.Min(8, secret.Length / 2)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
