using System.Globalization;
using System.Text;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Web.Tests.Infrastructure;
using Npgsql;

namespace Membership.Web.Tests.Points;

/// <summary>The sales history import with the real Members and Points modules on PostgreSQL.</summary>
public sealed class SalesImportTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly string Recent = Iso(DateTimeOffset.UtcNow.AddDays(-10));

    private ISalesImport Import => app.Services.GetRequiredService<ISalesImport>();

    private IPointsModule Points => app.Services.GetRequiredService<IPointsModule>();

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_names_each_bad_line_and_reason()
    {
        var member = await MemberAsync("0955400001");
        var csv = $"""
            memberCode,storeCode,receiptNumber,total,occurredAt
            {member.MemberCode},BAD-01,R1,1200,{Recent}
            999999999999,BAD-01,R2,100,{Recent}
            {member.MemberCode},BAD-01,R3,-5,{Recent}
            {member.MemberCode},BAD-01,R4,300,2026-13-40
            {member.MemberCode},BAD-01,R1,300,{Recent}
            {member.MemberCode},,R6,300,{Recent}
            ,BAD-01,R7,300,{Recent}
            {member.MemberCode},BAD-01,R8,300,{Iso(DateTimeOffset.UtcNow.AddDays(2))}
            """;

        var preview = await Import.PreviewAsync(Csv(csv));
        var report = await Import.ImportAsync(Csv(csv), new SalesImportOptions());

        Assert.Equal((8, 1, 7), (preview.Rows, preview.ValidRows, preview.ErrorRows));
        Assert.Equal(
            [
                (3, SalesImportReasons.MemberNotFound), (4, SalesImportReasons.TotalInvalid), (5, SalesImportReasons.OccurredAtInvalid),
                (6, SalesImportReasons.ReceiptDuplicateInFile), (7, SalesImportReasons.StoreMissing), (8, SalesImportReasons.MemberMissing),
                (9, SalesImportReasons.OccurredAtInFuture),
            ],
            preview.Errors.Select(e => (e.Line, Assert.Single(e.Reasons))));
        Assert.False(report.Completed);
        Assert.Equal(0, report.Imported);
        Assert.Equal(0, (await Points.GetPurchasesAsync(member.Id, new PageRequest())).TotalCount);
    }

    [Fact]
    public async Task Good_rows_only_imports_history_without_points_raises_purchase_recorded_and_audits()
    {
        var member = await MemberAsync("0955400002");
        var csv = $"""
            手機,門市,收據號碼,金額,消費時間,類別,數量
            0955-400-002,HIS-01,A100,"1,250",{Recent},咖啡豆,2
            0955400002,HIS-01,A101,NT$800,2025/03/04 14:30,,
            0955400002,HIS-01,A102,abc,{Recent},,
            """;

        var report = await Import.ImportAsync(Csv(csv, bom: true), new SalesImportOptions(ImportGoodRowsOnly: true, ImportedBy: "測試員"));

        Assert.True(report.Completed);
        Assert.Equal((2, 0, 1, 0L), (report.Imported, report.Duplicates, report.ErrorRows, report.PointsEarned));
        var purchases = (await Points.GetPurchasesAsync(member.Id, new PageRequest())).Items.OrderBy(p => p.ReceiptNumber).ToList();
        Assert.Equal(
            [("A100", 1250m, PurchaseChannels.Import, 0), ("A101", 800m, PurchaseChannels.Import, 0)],
            purchases.Select(p => (p.ReceiptNumber, p.Total, p.Channel, p.PointsEarned)));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 6, 30, 0, TimeSpan.Zero), purchases[1].OccurredAt); // Taipei 14:30
        Assert.Equal(0, (await Points.GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(2, await ScalarAsync(
            $"SELECT count(*) FROM points_outbox_messages WHERE payload->>'memberId' = '{member.Id}' AND (payload->>'imported')::boolean"));
        Assert.Equal(1, await ScalarAsync(
            $"SELECT count(*) FROM points_purchases WHERE receipt_number = 'A100' AND lines @> '[{{\"category\":\"咖啡豆\",\"quantity\":2,\"amount\":1250}}]'"));
        var audit = await app.Services.GetRequiredService<IAuditTrail>().ListAsync(new AuditQuery("points.sales-imported"), new PageRequest());
        Assert.Contains(audit.Items, e => e.Details!.StartsWith("imported 2, duplicates skipped 0, bad rows 1, points earned 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receipts_already_recorded_are_reported_and_skipped_and_a_second_import_changes_nothing()
    {
        var member = await MemberAsync("0955400003");
        await Points.RecordPurchaseAsync(new RecordPurchaseRequest(Guid.NewGuid().ToString(), new MemberReference(MemberId: member.Id), "DUP-01", "D1",
            500m, DateTimeOffset.UtcNow.AddDays(-1), PurchaseChannels.Counter, []));
        var csv = $"""
            memberCode,storeCode,receiptNumber,total,occurredAt
            {member.MemberCode},DUP-01,D1,500,{Recent}
            {member.MemberCode},DUP-01,D2,600,{Recent}
            {member.MemberCode},DUP-02,D1,700,{Recent}
            """;

        var preview = await Import.PreviewAsync(Csv(csv));
        var first = await Import.ImportAsync(Csv(csv), new SalesImportOptions());
        var again = await Import.ImportAsync(Csv(csv), new SalesImportOptions());

        Assert.Equal((3, 1), (preview.ValidRows, preview.DuplicateReceipts));
        Assert.Equal((2, 1), (first.Imported, first.Duplicates));
        Assert.Equal([2], first.DuplicateLines);
        Assert.Equal((0, 3), (again.Imported, again.Duplicates));
        Assert.Equal([2, 3, 4], again.DuplicateLines);
        Assert.Equal(3, (await Points.GetPurchasesAsync(member.Id, new PageRequest())).TotalCount);
        Assert.Equal(5, (await Points.GetBalanceAsync(member.Id)).Balance); // only the counter purchase earned
    }

    [Fact]
    public async Task Earn_points_when_asked_gives_points_except_for_history_already_past_its_expiry()
    {
        var member = await MemberAsync("0955400004");
        var other = await MemberAsync("0955400005");
        var csv = $"""
            memberCode,storeCode,receiptNumber,total,occurredAt
            {member.MemberCode},EARN-01,E1,1250,{Recent}
            {member.MemberCode},EARN-01,E2,399,{Iso(DateTimeOffset.UtcNow.AddDays(-5))}
            {member.MemberCode},EARN-01,E3,5000,{Iso(DateTimeOffset.UtcNow.AddYears(-2))}
            {other.MemberCode},EARN-01,E4,250,{Recent}
            """;

        var report = await Import.ImportAsync(Csv(csv), new SalesImportOptions(EarnPoints: true));

        Assert.Equal((4, 17L), (report.Imported, report.PointsEarned)); // 12 + 3 + 0 (expired) + 2
        var balance = await Points.GetBalanceAsync(member.Id);
        Assert.Equal((15, 15), (balance.Balance, balance.LifetimeEarned));
        Assert.Equal(2, (await Points.GetBalanceAsync(other.Id)).Balance);
        var ledger = (await Points.GetLedgerAsync(member.Id, new PageRequest())).Items;
        Assert.Equal([3, 12], ledger.Select(e => e.Points).Order());
        Assert.Equal(15, ledger.Max(e => e.BalanceAfter));
        Assert.All(ledger, e => Assert.Equal(LedgerEntryKind.Earn, e.Kind));
        Assert.Equal(15, await ScalarAsync($"SELECT sum(remaining) FROM points_lots WHERE member_id = '{member.Id}'"));

        var redeemed = await Points.RedeemAsync(new RedeemPointsRequest(member.Id, 15, "test", Guid.NewGuid().ToString(), PurchaseChannels.Counter));
        Assert.Equal((RedeemOutcome.Redeemed, 0), (redeemed.Outcome, redeemed.Balance)); // the imported lots are spendable
    }

    [Fact]
    public async Task A_hundred_thousand_rows_import_in_one_set_based_transaction_with_progress()
    {
        const int Members = 2000, Rows = 100_000;
        var people = new StringBuilder("手機\n");
        for (var i = 0; i < Members; i++)
        {
            people.Append("0977").Append(i.ToString("D6", CultureInfo.InvariantCulture)).Append('\n');
        }

        Assert.Equal(Members, (await app.Services.GetRequiredService<IMemberImport>().ImportAsync(Csv(people.ToString()), new MemberImportOptions())).Inserted);
        var sales = new StringBuilder("mobile,storeCode,receiptNumber,total,occurredAt,category\n");
        for (var i = 0; i < Rows; i++)
        {
            sales.Append("0977").Append((i % Members).ToString("D6", CultureInfo.InvariantCulture)).Append(",BIG-01,B").Append(i)
                .Append(',').Append(100 + (i % 900)).Append(',').Append(Recent).Append(",飲料\n");
        }

        var stages = new List<SalesImportStage>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var report = await Import.ImportAsync(Csv(sales.ToString()), new SalesImportOptions(EarnPoints: true), new SyncProgress(p =>
        {
            if (stages.Count == 0 || stages[^1] != p.Stage)
            {
                Console.WriteLine($"{p.Stage} from {watch.Elapsed.TotalSeconds:0.0} s");
            }

            stages.Add(p.Stage);
        }));

        Assert.True(report.Completed);
        Assert.Equal((Rows, 0, 0), (report.Imported, report.Duplicates, report.ErrorRows));
        Assert.Equal([SalesImportStage.Reading, SalesImportStage.Matching, SalesImportStage.Writing, SalesImportStage.Done], stages.Distinct());
        Assert.Equal(Rows, await ScalarAsync("SELECT count(*) FROM points_purchases WHERE store_code = 'BIG-01'"));
        Assert.Equal(report.PointsEarned, await ScalarAsync("SELECT sum(balance) FROM points_accounts a WHERE EXISTS (SELECT 1 FROM points_purchases p WHERE p.member_id = a.member_id AND p.store_code = 'BIG-01')"));
        Assert.Equal(0, await ScalarAsync("""
            SELECT count(*) FROM points_accounts a
            WHERE a.balance <> (SELECT coalesce(sum(points), 0) FROM points_ledger_entries e WHERE e.member_id = a.member_id)
            """));
        Console.WriteLine($"Sales import: {Rows:N0} rows with points in {report.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task<MemberSummary> MemberAsync(string mobile) =>
        (await app.Services.GetRequiredService<IMemberDirectory>().CreateOfflineMemberAsync(new CreateOfflineMemberRequest(mobile, "匯入測試"))).Member;

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string Iso(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static MemoryStream Csv(string text, bool bom = false) =>
        new([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal))]);

    private sealed class SyncProgress(Action<SalesImportProgress> report) : IProgress<SalesImportProgress>
    {
        public void Report(SalesImportProgress value) => report(value);
    }
}
