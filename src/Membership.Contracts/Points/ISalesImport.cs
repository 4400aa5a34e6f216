namespace Membership.Contracts.Points;

/// <summary>
/// CSV import of sales history (offline stores, an ERP): one row per purchase. Preview first (per-row errors with line
/// numbers), then import: all or nothing, unless the staff member imports only the good rows. A receipt already recorded
/// for the store is reported and skipped. Imported history earns no points unless <see cref="SalesImportOptions.EarnPoints"/>.
/// </summary>
/// <remarks>
/// Columns (header row, Chinese or English names, any order): <c>memberCode</c> or <c>mobile</c> (one is needed),
/// <c>storeCode</c>, <c>receiptNumber</c>, <c>total</c> (NT$), <c>occurredAt</c> (ISO 8601 with offset, or a Taipei
/// <c>yyyy-MM-dd HH:mm</c> / <c>yyyy/MM/dd</c>), optional <c>sku</c>, <c>category</c>, <c>quantity</c>, <c>amount</c>
/// (one purchase line; amount defaults to the total).
/// </remarks>
public interface ISalesImport
{
    Task<SalesImportPreview> PreviewAsync(Stream csv, IProgress<SalesImportProgress>? progress = null, CancellationToken ct = default);

    Task<SalesImportReport> ImportAsync(Stream csv, SalesImportOptions options, IProgress<SalesImportProgress>? progress = null, CancellationToken ct = default);
}

/// <param name="EarnPoints">Earn points for the imported purchases under today's earn rules (off by default: history already happened).</param>
/// <param name="ImportGoodRowsOnly">Import the valid rows of a file that has bad ones; otherwise a bad row imports nothing.</param>
/// <param name="ImportedBy">The staff member, for the ledger and the audit log.</param>
public sealed record SalesImportOptions(bool EarnPoints = false, bool ImportGoodRowsOnly = false, string? ImportedBy = null);

public enum SalesImportStage
{
    Reading = 0,
    Matching = 1,
    Writing = 2,
    Done = 3,
}

/// <param name="Fraction">How far the whole operation is, 0 to 1.</param>
public sealed record SalesImportProgress(SalesImportStage Stage, int Rows, double Fraction);

/// <param name="Line">The line of the file (the header is line 1).</param>
/// <param name="Reasons">Codes from <see cref="SalesImportReasons"/>.</param>
public sealed record SalesImportRowError(int Line, IReadOnlyList<string> Reasons);

/// <param name="DuplicateReceipts">Valid rows whose store and receipt number are already recorded: they will be skipped.</param>
/// <param name="Errors">The first errors (at most <see cref="SalesImportReasons.MaxListedErrors"/>); <paramref name="ErrorRows"/> counts all.</param>
public sealed record SalesImportPreview(
    int Rows,
    int ValidRows,
    int ErrorRows,
    int DuplicateReceipts,
    decimal ValidTotal,
    IReadOnlyList<SalesImportRowError> Errors,
    IReadOnlyList<SalesImportRowPreview> Sample);

public sealed record SalesImportRowPreview(int Line, string Member, string StoreCode, string ReceiptNumber, decimal Total, DateTimeOffset OccurredAt, string? Category);

/// <param name="Completed">False when bad rows stopped an all-or-nothing import: nothing was written.</param>
/// <param name="DuplicateLines">Lines skipped because the receipt was already recorded (the first ones).</param>
public sealed record SalesImportReport(
    bool Completed,
    int Imported,
    int Duplicates,
    int ErrorRows,
    long PointsEarned,
    IReadOnlyList<SalesImportRowError> Errors,
    IReadOnlyList<int> DuplicateLines,
    TimeSpan Elapsed);

public static class SalesImportReasons
{
    public const int MaxListedErrors = 1000;

    public const string ColumnsMissing = "ColumnsMissing";
    public const string MemberMissing = "MemberMissing";
    public const string MemberNotFound = "MemberNotFound";
    public const string StoreMissing = "StoreMissing";
    public const string StoreTooLong = "StoreTooLong";
    public const string ReceiptMissing = "ReceiptMissing";
    public const string ReceiptTooLong = "ReceiptTooLong";
    public const string ReceiptDuplicateInFile = "ReceiptDuplicateInFile";
    public const string TotalInvalid = "TotalInvalid";
    public const string OccurredAtInvalid = "OccurredAtInvalid";
    public const string OccurredAtInFuture = "OccurredAtInFuture";
    public const string QuantityInvalid = "QuantityInvalid";
    public const string AmountInvalid = "AmountInvalid";
    public const string TextTooLong = "TextTooLong";
}
