using System.Text;

namespace Membership.Shared.Csv;

/// <summary>One CSV record and the (1-based) line of the file it starts on.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 CSV: fields in double quotes may hold commas, line breaks and doubled quotes; records end with CRLF or LF;
/// a leading byte order mark is ignored. Streaming, so a 100k-row file is never held as one string.
/// </summary>
public static class CsvReader
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader)
    {
        var buffer = new char[16 * 1024];
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var quoteSeen = false; // the previous char closed a quote: a second quote is a literal one
        var line = 1;
        var recordLine = 1;
        var recordStarted = false;
        var first = true;
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (first)
                {
                    first = false;
                    if (c == '\uFEFF')
                    {
                        continue;
                    }
                }

                if (inQuotes)
                {
                    if (c == '"')
                    {
                        inQuotes = false;
                        quoteSeen = true;
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    continue;
                }

                switch (c)
                {
                    case '"':
                        if (quoteSeen)
                        {
                            field.Append('"'); // "" inside a quoted field
                        }

                        inQuotes = true;
                        quoteSeen = false;
                        recordStarted = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        quoteSeen = false;
                        recordStarted = true;
                        break;
                    case '\r':
                        quoteSeen = false;
                        break; // CRLF: the LF ends the record; a lone CR is dropped
                    case '\n':
                        if (recordStarted || field.Length > 0)
                        {
                            fields.Add(field.ToString());
                            yield return new CsvRecord(recordLine, fields.ToArray());
                        }

                        fields.Clear();
                        field.Clear();
                        quoteSeen = false;
                        recordStarted = false;
                        line++;
                        recordLine = line;
                        break;
                    default:
                        quoteSeen = false;
                        field.Append(c);
                        recordStarted = true;
                        break;
                }
            }
        }

        if (recordStarted || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }
}
