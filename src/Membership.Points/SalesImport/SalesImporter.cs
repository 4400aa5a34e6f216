using System.Diagnostics;
using Membership.Contracts.Audit;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Points.Earning;
using Membership.Points.Ledger;
using Membership.Points.Persistence;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Points.SalesImport;

/// <summary>
/// Sales history from a CSV: rows checked and members found in bulk (<see cref="IMemberLookup"/>), then one transaction of
/// set-based writes (<see cref="SalesImportBatch"/>). Imported purchases earn nothing unless asked; when they do, they earn
/// under today's rules without a tier multiplier, and history whose points would already have expired earns nothing.
/// </summary>
internal sealed partial class SalesImporter(
    IDbContextFactory<PointsDbContext> dbFactory,
    IMemberLookup members,
    EarnRulesStore earnRules,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<SalesImporter> logger) : ISalesImport
{
    private const double ReadingShare = 0.4;
    private const double MatchingShare = 0.1;
    private const int MaxListedDuplicates = 1000;
    private const int PreviewSample = 20;

    public async Task<SalesImportPreview> PreviewAsync(Stream csv, IProgress<SalesImportProgress>? progress = null, CancellationToken ct = default)
    {
        var (file, _) = await ReadAsync(csv, progress, ct);
        var duplicates = await CountRecordedAsync(file.Rows, ct);
        progress?.Report(new SalesImportProgress(SalesImportStage.Done, file.TotalRows, 1));
        var sample = file.Rows.Take(PreviewSample)
            .Select(r => new SalesImportRowPreview(r.Line, r.MemberKey, r.StoreCode, r.ReceiptNumber, r.Total, r.OccurredAt, r.Lines.FirstOrDefault()?.Category))
            .ToList();
        return new SalesImportPreview(file.TotalRows, file.Rows.Count, file.ErrorRows, duplicates, file.Rows.Sum(r => r.Total), file.Errors, sample);
    }

    public async Task<SalesImportReport> ImportAsync(
        Stream csv, SalesImportOptions options, IProgress<SalesImportProgress>? progress = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var (file, memberOfLine) = await ReadAsync(csv, progress, ct);
        if (file.ErrorRows > 0 && !options.ImportGoodRowsOnly)
        {
            progress?.Report(new SalesImportProgress(SalesImportStage.Done, file.TotalRows, 1));
            return new SalesImportReport(false, 0, 0, file.ErrorRows, 0, file.Errors, [], watch.Elapsed);
        }

        var now = clock.GetUtcNow();
        var rules = await earnRules.GetAsync(ct);
        var rows = file.Rows.Select(row => Prepare(row, memberOfLine[row.Line], rules, options.EarnPoints, now)).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var writing = ReadingShare + MatchingShare;
        await SalesImportBatch.CopyAsync(connection, rows, done =>
            progress?.Report(new SalesImportProgress(SalesImportStage.Writing, done, writing + ((1 - writing) * 0.6 * done / Math.Max(1, rows.Count)))), ct);
        var duplicateLines = await SalesImportBatch.InsertPurchasesAsync(connection, now, options.ImportedBy, ct);
        var points = options.EarnPoints ? await SalesImportBatch.EarnAsync(connection, now, options.ImportedBy, ct) : 0;
        var imported = await SalesImportBatch.AddEventsAsync(connection, now, ct);
        await transaction.CommitAsync(ct);

        progress?.Report(new SalesImportProgress(SalesImportStage.Done, file.TotalRows, 1));
        LogImported(logger, imported, duplicateLines.Count, file.ErrorRows, points, watch.ElapsedMilliseconds);
        await audit.RecordAsync(new AuditRecord("points.sales-imported", "purchases", "csv",
            $"imported {imported}, duplicates skipped {duplicateLines.Count}, bad rows {file.ErrorRows}, points earned {points}" +
            (options.EarnPoints ? "" : " (no points)") + (options.ImportGoodRowsOnly ? " (good rows only)" : "")), ct);
        return new SalesImportReport(true, imported, duplicateLines.Count, file.ErrorRows, points, file.Errors,
            duplicateLines.Take(MaxListedDuplicates).ToList(), watch.Elapsed);
    }

    private static SalesImportRow Prepare(SalesCsvRow row, Guid memberId, EarnRules rules, bool earn, DateTimeOffset now)
    {
        var expiresAt = LedgerWrites.ExpiryOf(row.OccurredAt, rules.ExpiryMonths);
        var taipeiDate = DateOnly.FromDateTime(TaipeiTime.ToTaipei(row.OccurredAt).DateTime);
        var points = earn && expiresAt > now ? EarnCalculator.Compute(rules, row.Total, row.Lines, taipeiDate, 1m) : 0;
        return SalesImportBatch.Prepare(row, memberId, points, expiresAt);
    }

    /// <summary>Reads and checks the file, then finds the members of its good rows; rows of unknown members become errors.</summary>
    private async Task<(SalesCsvFile File, Dictionary<int, Guid> MemberOfLine)> ReadAsync(Stream csv, IProgress<SalesImportProgress>? progress, CancellationToken ct)
    {
        var file = await SalesCsvFile.ReadAsync(csv, clock.GetUtcNow(), progress, ReadingShare, ct);
        progress?.Report(new SalesImportProgress(SalesImportStage.Matching, file.TotalRows, ReadingShare));
        var byCode = await members.FindIdsByCodeAsync(file.Rows.Where(r => r.MemberCode is not null).Select(r => r.MemberCode!).Distinct().ToList(), ct);
        var byMobile = await members.FindIdsByMobileAsync(file.Rows.Where(r => r.Mobile is not null).Select(r => r.Mobile!).Distinct().ToList(), ct);
        var memberOfLine = file.KeepKnownMembers(byCode, byMobile);
        progress?.Report(new SalesImportProgress(SalesImportStage.Matching, file.TotalRows, ReadingShare + MatchingShare));
        return (file, memberOfLine);
    }

    /// <summary>How many of the rows' receipts are already recorded for their store (they would be skipped).</summary>
    private async Task<int> CountRecordedAsync(IReadOnlyList<SalesCsvRow> rows, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        var count = 0;
        foreach (var chunk in rows.Chunk(5000))
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM points_purchases p
                JOIN unnest(@stores, @receipts) AS i(store_code, receipt_number)
                  ON p.store_code = i.store_code AND p.receipt_number = i.receipt_number
                """, connection);
            command.Parameters.AddWithValue("stores", chunk.Select(r => r.StoreCode).ToArray());
            command.Parameters.AddWithValue("receipts", chunk.Select(r => r.ReceiptNumber).ToArray());
            count += (int)(long)(await command.ExecuteScalarAsync(ct))!;
        }

        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sales CSV import: {Imported} purchases, {Duplicates} duplicates skipped, {BadRows} bad rows, {Points} points in {ElapsedMs} ms")]
    private static partial void LogImported(ILogger logger, int imported, int duplicates, int badRows, long points, long elapsedMs);
}
