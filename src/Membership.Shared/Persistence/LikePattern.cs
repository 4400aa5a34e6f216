namespace Membership.Shared.Persistence;

/// <summary>Text searched with SQL <c>LIKE</c> / <c>ILIKE</c>: its <c>%</c>, <c>_</c> and <c>\</c> match themselves.</summary>
public static class LikePattern
{
    public static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    /// <summary>Matches <paramref name="text"/> anywhere.</summary>
    public static string Contains(string text) => $"%{Escape(text)}%";
}
