using System.Security.Cryptography;

namespace Membership.Members.Profiles;

/// <summary>
/// Member codes: 11 random digits and a Luhn check digit (12 digits, printed on the card as a barcode). Random,
/// so codes cannot be guessed from one another; the check digit catches a mistyped or misread code at the counter.
/// </summary>
internal static class MemberCodes
{
    public const int Length = 12;

    public static string New()
    {
        Span<char> digits = stackalloc char[Length];
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9)); // no leading zero: spreadsheets keep it intact
        for (var i = 1; i < Length - 1; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        digits[Length - 1] = CheckDigit(digits[..(Length - 1)]);
        return new string(digits);
    }

    public static bool IsValid(string? code) =>
        code is { Length: Length } && code.All(char.IsAsciiDigit) && CheckDigit(code.AsSpan(0, Length - 1)) == code[^1];

    /// <summary>Luhn (mod 10) check digit of the given digits.</summary>
    public static char CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
