namespace Membership.Contracts.Line;

/// <summary>Which language a customer-facing LINE text is written in: zh-TW by default, English for an <c>en…</c> LINE language.</summary>
public static class CustomerLanguage
{
    /// <param name="lineLanguage">The user's LINE language from the profile (e.g. <c>en</c>, <c>en-US</c>, <c>zh-TW</c>), when known.</param>
    public static bool IsEnglish(string? lineLanguage) =>
        lineLanguage is not null && lineLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}
