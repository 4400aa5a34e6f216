using System.Text;
using Membership.Contracts.Points;
using Membership.Shared.Csv;

namespace Membership.Points.SalesImport;

/// <summary>A whole sales file read and checked: its good rows and its bad ones (the first <see cref="SalesImportReasons.MaxListedErrors"/> listed).</summary>
internal sealed class SalesCsvFile
{
    private const int ProgressEvery = 2000;

    public List<SalesCsvRow> Rows { get; private set; } = [];

    public List<SalesImportRowError> Errors { get; } = [];

    public int ErrorRows { get; private set; }

    public int TotalRows => Rows.Count + ErrorRows;

    /// <param name="share">The part of the operation's progress that reading takes (0 to 1).</param>
    public static async Task<SalesCsvFile> ReadAsync(Stream csv, DateTimeOffset now, IProgress<SalesImportProgress>? progress, double share, CancellationToken ct)
    {
        var file = new SalesCsvFile();
        using var text = new StreamReader(csv, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        SalesCsvValidator? validator = null;
        await foreach (var record in CsvReader.ReadAsync(text).WithCancellation(ct))
        {
            if (validator is null)
            {
                if (SalesCsvColumns.FromHeader(record.Fields) is not { } columns)
                {
                    file.AddError(record.Line, [SalesImportReasons.ColumnsMissing]);
                    return file;
                }

                validator = new SalesCsvValidator(columns, now);
                continue;
            }

            var (row, reasons) = validator.Check(record);
            if (row is null)
            {
                file.AddError(record.Line, reasons!);
            }
            else
            {
                file.Rows.Add(row);
            }

            if (file.TotalRows % ProgressEvery == 0 && progress is not null)
            {
                var done = csv.CanSeek && csv.Length > 0 ? (double)csv.Position / csv.Length : 0;
                progress.Report(new SalesImportProgress(SalesImportStage.Reading, file.TotalRows, share * done));
            }
        }

        progress?.Report(new SalesImportProgress(SalesImportStage.Reading, file.TotalRows, share));
        return file;
    }

    /// <summary>Moves the rows whose member is unknown to the errors; returns the member id of each remaining row's line.</summary>
    public Dictionary<int, Guid> KeepKnownMembers(IReadOnlyDictionary<string, Guid> byCode, IReadOnlyDictionary<string, Guid> byMobile)
    {
        var members = new Dictionary<int, Guid>(Rows.Count);
        var known = new List<SalesCsvRow>(Rows.Count);
        foreach (var row in Rows)
        {
            var found = row.MemberCode is { } code ? byCode.TryGetValue(code, out var id) : byMobile.TryGetValue(row.Mobile!, out id);
            if (found)
            {
                members[row.Line] = id;
                known.Add(row);
            }
            else
            {
                AddError(row.Line, [SalesImportReasons.MemberNotFound]);
            }
        }

        Rows = known;
        Errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return members;
    }

    private void AddError(int line, IReadOnlyList<string> reasons)
    {
        ErrorRows++;
        if (Errors.Count < SalesImportReasons.MaxListedErrors)
        {
            Errors.Add(new SalesImportRowError(line, reasons));
        }
    }
}
