using System.Security.Cryptography;
using System.Text;

namespace Membership.Shared.Ids;

/// <summary>A UUID (RFC 9562 version 8) fixed by a name: the same LINE push retried keeps its retry key.</summary>
public static class DeterministicGuid
{
    public static Guid From(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
