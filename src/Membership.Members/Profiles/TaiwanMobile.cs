namespace Membership.Members.Profiles;

/// <summary>Taiwan mobile numbers: <c>09xx-xxx-xxx</c>, <c>+886 9xx xxx xxx</c>, <c>886-9…</c>, spaces and dots → <c>09xxxxxxxx</c>.</summary>
internal static class TaiwanMobile
{
    /// <returns>The normalised number, or null when it is not a Taiwan mobile number.</returns>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var text = input.Trim();
        var international = text.StartsWith('+');
        Span<char> digits = stackalloc char[text.Length];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '+') && !char.IsWhiteSpace(c))
            {
                return null;
            }
        }

        var number = new string(digits[..count]);
        if (number.StartsWith("886", StringComparison.Ordinal) && (international || number.Length is 12 or 13))
        {
            number = number[3..].StartsWith('0') ? number[3..] : "0" + number[3..]; // "+886 0912…" is written too
        }
        else if (international)
        {
            return null; // another country's number
        }

        return number.Length == 10 && number.StartsWith("09", StringComparison.Ordinal) ? number : null;
    }
}
