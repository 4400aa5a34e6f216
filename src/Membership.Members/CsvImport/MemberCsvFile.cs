using System.Text;
using Membership.Contracts.Members;
using Membership.Shared.Csv;

namespace Membership.Members.CsvImport;

/// <summary>A whole file read and checked: its good rows and its bad ones (the first <see cref="MemberImportReasons.MaxListedErrors"/> listed).</summary>
internal sealed class MemberCsvFile
{
    private const int ProgressEvery = 2000;

    public List<MemberCsvRow> Rows { get; } = [];

    public List<MemberImportRowError> Errors { get; } = [];

    public int ErrorRows { get; private set; }

    public int TotalRows => Rows.Count + ErrorRows;

    /// <param name="share">The part of the operation's progress that reading takes (0 to 1).</param>
    public static async Task<MemberCsvFile> ReadAsync(
        Stream csv, DateOnly today, IProgress<MemberImportProgress>? progress, double share, CancellationToken ct)
    {
        var file = new MemberCsvFile();
        using var reader = new StreamReader(csv, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        MemberCsvValidator? validator = null;
        await foreach (var record in CsvReader.ReadAsync(reader).WithCancellation(ct))
        {
            if (validator is null)
            {
                var columns = MemberCsvColumns.FromHeader(record.Fields);
                if (columns is null)
                {
                    file.AddError(record.Line, [MemberImportReasons.MobileColumnMissing]);
                    return file;
                }

                validator = new MemberCsvValidator(columns, today);
                continue;
            }

            var (row, reasons) = validator.Check(record);
            if (row is not null)
            {
                file.Rows.Add(row);
            }
            else
            {
                file.AddError(record.Line, reasons!);
            }

            if (file.TotalRows % ProgressEvery == 0)
            {
                var read = csv.CanSeek && csv.Length > 0 ? (double)csv.Position / csv.Length : 0;
                progress?.Report(new MemberImportProgress(MemberImportStage.Reading, file.TotalRows, share * read));
            }
        }

        progress?.Report(new MemberImportProgress(MemberImportStage.Reading, file.TotalRows, share));
        return file;
    }

    private void AddError(int line, IReadOnlyList<string> reasons)
    {
        ErrorRows++;
        if (Errors.Count < MemberImportReasons.MaxListedErrors)
        {
            Errors.Add(new MemberImportRowError(line, reasons));
        }
    }
}
