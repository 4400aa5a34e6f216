using System.Security.Cryptography;

namespace Membership.Shared.Codes;

/// <summary>
/// Random codes people read aloud or type at a counter: no 0/O, 1/I/L; upper case; dashes and spaces ignored on input.
/// 31 symbols: 6 characters give ~8.9e8 codes (short-lived pickup codes), 10 give ~8.2e14 (unguessable coupons).
/// </summary>
public static class OneTimeCodes
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string Generate(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Upper case without separators; null when empty, too long or holding a character outside the alphabet.</summary>
    public static string? Normalize(string? input, int maxLength = 32)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var code = new string(input.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
        return code.Length is > 0 && code.Length <= maxLength && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}
