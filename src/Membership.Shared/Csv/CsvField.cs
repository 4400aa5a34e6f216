namespace Membership.Shared.Csv;

/// <summary>Fields of the CSV files the console exports.</summary>
public static class CsvField
{
    /// <summary>Quotes a field when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
