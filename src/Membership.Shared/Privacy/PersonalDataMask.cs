namespace Membership.Shared.Privacy;

/// <summary>Masks personal data for logs and for roles that may not see it in full.</summary>
public static class PersonalDataMask
{
    /// <summary><c>owner@demo.local</c> → <c>o***@demo.local</c>.</summary>
    public static string Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return "***";
        }

        return string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }

    /// <summary><c>0912345678</c> → <c>0912-***-678</c>; anything else keeps only its last three characters.</summary>
    public static string Mobile(string? mobile)
    {
        if (string.IsNullOrWhiteSpace(mobile))
        {
            return "";
        }

        var digits = new string(mobile.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 10
            ? $"{digits[..4]}-***-{digits[7..]}"
            : digits.Length > 3 ? $"***{digits[^3..]}" : "***";
    }
}
