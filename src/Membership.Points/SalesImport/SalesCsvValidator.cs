using System.Globalization;
using Membership.Contracts.Points;
using Membership.Shared.Csv;
using Membership.Shared.Time;

namespace Membership.Points.SalesImport;

/// <summary>A valid row: one purchase of a member given by code or mobile (as written in the file).</summary>
internal sealed record SalesCsvRow(
    int Line, string? MemberCode, string? Mobile, string StoreCode, string ReceiptNumber, decimal Total, DateTimeOffset OccurredAt, IReadOnlyList<PurchaseLine> Lines)
{
    public string MemberKey => MemberCode ?? Mobile!;
}

/// <summary>Checks the rows of one file in order; remembers store and receipt so a repeated receipt is reported.</summary>
internal sealed class SalesCsvValidator(SalesCsvColumns columns, DateTimeOffset now)
{
    public const decimal MaxTotal = 100_000_000m;

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/M/d HH:mm", "yyyy-M-d HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d",
    ];

    private readonly HashSet<(string Store, string Receipt)> _receipts = [];

    /// <returns>The row, or null with the reasons it is bad.</returns>
    public (SalesCsvRow? Row, List<string>? Reasons) Check(CsvRecord record)
    {
        var reasons = new List<string>();
        var code = Field(record, columns.MemberCode);
        var mobile = code is null ? Field(record, columns.Mobile) : null;
        if (code is null && mobile is null)
        {
            reasons.Add(SalesImportReasons.MemberMissing);
        }

        var store = Field(record, columns.StoreCode);
        reasons.AddRange(Text(store, 50, SalesImportReasons.StoreMissing, SalesImportReasons.StoreTooLong));
        var receipt = Field(record, columns.ReceiptNumber);
        reasons.AddRange(Text(receipt, 100, SalesImportReasons.ReceiptMissing, SalesImportReasons.ReceiptTooLong));
        if (store is { Length: <= 50 } && receipt is { Length: <= 100 } && !_receipts.Add((store, receipt)))
        {
            reasons.Add(SalesImportReasons.ReceiptDuplicateInFile);
        }

        var total = Money(Field(record, columns.Total));
        if (total is null)
        {
            reasons.Add(SalesImportReasons.TotalInvalid);
        }

        var occurredAt = Time(Field(record, columns.OccurredAt));
        if (occurredAt is null)
        {
            reasons.Add(SalesImportReasons.OccurredAtInvalid);
        }
        else if (occurredAt > now.AddMinutes(5))
        {
            reasons.Add(SalesImportReasons.OccurredAtInFuture);
        }

        var lines = Lines(record, total, reasons);
        return reasons.Count > 0
            ? (null, reasons)
            : (new SalesCsvRow(record.Line, code, mobile, store!, receipt!, total!.Value, occurredAt!.Value, lines), null);
    }

    /// <summary>The optional purchase line: sku, category, quantity (default 1), amount (default the total).</summary>
    private List<PurchaseLine> Lines(CsvRecord record, decimal? total, List<string> reasons)
    {
        var sku = Field(record, columns.Sku);
        var category = Field(record, columns.Category);
        var quantityText = Field(record, columns.Quantity);
        var amountText = Field(record, columns.Amount);
        if (sku is null && category is null && quantityText is null && amountText is null)
        {
            return [];
        }

        if (sku?.Length > 100 || category?.Length > 100)
        {
            reasons.Add(SalesImportReasons.TextTooLong);
        }

        var quantity = quantityText is null ? 1m : Number(quantityText);
        if (quantity is not (> 0 and <= 1_000_000))
        {
            reasons.Add(SalesImportReasons.QuantityInvalid);
        }

        var amount = amountText is null ? total : Money(amountText);
        if (amountText is not null && amount is null)
        {
            reasons.Add(SalesImportReasons.AmountInvalid);
        }

        return quantity is > 0 && amount is { } a ? [new PurchaseLine(sku, category, quantity.Value, a)] : [];
    }

    private static IEnumerable<string> Text(string? value, int max, string missing, string tooLong) =>
        value is null ? [missing] : value.Length > max ? [tooLong] : [];

    private static decimal? Number(string text) =>
        decimal.TryParse(text.Replace("NT$", "", StringComparison.OrdinalIgnoreCase).Replace("$", "", StringComparison.Ordinal),
            NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>NT$ from 0 with at most 2 decimals; "1,200", "NT$1200" and "$1200" are read too.</summary>
    private static decimal? Money(string? text) =>
        text is not null && Number(text) is { } value && value is >= 0 and <= MaxTotal && decimal.Round(value, 2) == value ? value : null;

    /// <summary>ISO 8601 with an offset, or a Taipei local time or date.</summary>
    private static DateTimeOffset? Time(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var taipei = new DateTimeOffset(local, TaipeiTime.Zone.GetUtcOffset(local));
            return taipei.Year >= 2000 ? taipei.ToUniversalTime() : null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && HasOffset(text) && instant.Year >= 2000
            ? instant.ToUniversalTime()
            : null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && ((text[^6] is '+' or '-' && text[^3] == ':') || text[^5] is '+' or '-'));

    private static string? Field(CsvRecord record, int index) =>
        index >= 0 && index < record.Fields.Count && record.Fields[index].Trim() is { Length: > 0 } value ? value : null;
}
