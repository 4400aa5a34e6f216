using System.Security.Cryptography;
using System.Text;

namespace Membership.Points.Line;

/// <summary>LINE retry keys fixed by what the push is about, so a redelivered event or a rerun job pushes once.</summary>
internal static class RetryKeys
{
    /// <summary>A UUID (RFC 9562 version 8) from the SHA-256 of <paramref name="subject"/>.</summary>
    public static Guid For(string subject)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"points:{subject}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
