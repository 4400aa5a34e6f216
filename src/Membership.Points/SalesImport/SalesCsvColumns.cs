namespace Membership.Points.SalesImport;

/// <summary>Which column holds which field, from the header row (Chinese or English names, any order, extra columns ignored).</summary>
internal sealed record SalesCsvColumns(
    int MemberCode, int Mobile, int StoreCode, int ReceiptNumber, int Total, int OccurredAt, int Sku, int Category, int Quantity, int Amount)
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["memberCode"] = "memberCode", ["member_code"] = "memberCode", ["會員編號"] = "memberCode", ["會員卡號"] = "memberCode",
        ["mobile"] = "mobile", ["phone"] = "mobile", ["手機"] = "mobile", ["手機號碼"] = "mobile",
        ["storeCode"] = "storeCode", ["store_code"] = "storeCode", ["store"] = "storeCode", ["門市"] = "storeCode", ["門市代碼"] = "storeCode",
        ["receiptNumber"] = "receiptNumber", ["receipt_number"] = "receiptNumber", ["receipt"] = "receiptNumber",
        ["發票號碼"] = "receiptNumber", ["收據號碼"] = "receiptNumber", ["單號"] = "receiptNumber",
        ["total"] = "total", ["金額"] = "total", ["消費金額"] = "total", ["總金額"] = "total",
        ["occurredAt"] = "occurredAt", ["occurred_at"] = "occurredAt", ["date"] = "occurredAt", ["消費時間"] = "occurredAt", ["日期"] = "occurredAt",
        ["sku"] = "sku", ["商品編號"] = "sku", ["品號"] = "sku",
        ["category"] = "category", ["類別"] = "category", ["商品類別"] = "category",
        ["quantity"] = "quantity", ["qty"] = "quantity", ["數量"] = "quantity",
        ["amount"] = "amount", ["line_amount"] = "amount", ["小計"] = "amount",
    };

    /// <returns>Null when a required column is missing: a member column (code or mobile), store, receipt, total or time.</returns>
    public static SalesCsvColumns? FromHeader(IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (Aliases.TryGetValue(header[i].Trim(), out var field))
            {
                index.TryAdd(field, i);
            }
        }

        int Of(string field) => index.TryGetValue(field, out var i) ? i : -1;
        var columns = new SalesCsvColumns(Of("memberCode"), Of("mobile"), Of("storeCode"), Of("receiptNumber"), Of("total"), Of("occurredAt"),
            Of("sku"), Of("category"), Of("quantity"), Of("amount"));
        var complete = (columns.MemberCode >= 0 || columns.Mobile >= 0)
            && columns.StoreCode >= 0 && columns.ReceiptNumber >= 0 && columns.Total >= 0 && columns.OccurredAt >= 0;
        return complete ? columns : null;
    }
}
