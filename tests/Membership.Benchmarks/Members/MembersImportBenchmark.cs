using System.Diagnostics;
using System.Globalization;
using System.Text;
using Membership.Contracts.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Benchmarks.Members;

internal sealed record ImportFigures(
    int Rows, int MembersBefore, double PreviewSeconds, double PreviewRowsPerSecond, int ValidRows, int ExistingInPreview,
    double ImportSeconds, double ImportRowsPerSecond, int Inserted, int Merged, int ErrorRows, string LoadAverage);

/// <summary>
/// CSV import (the console's import page path, <see cref="IMemberImport"/>) of generated rows into a copy of the seeded
/// members database: a preview of the whole file, then the all-or-nothing import. Random mobiles, so about one row in
/// a hundred belongs to an existing member and is merged, as a real POS export would.
/// </summary>
internal sealed class MembersImportBenchmark(MembersSettings settings, int rows)
{
    public async Task RunAsync()
    {
        var report = new MembersReport("members-import", new { settings, rows });
        report.Header($"members-import: {rows:N0} CSV rows into a copy of {settings.Members:N0} members");
        var seeded = await MembersDatabase.OpenAsync(settings.Members, settings.Reseed, report.Line);
        await using (var seeding = MembersSearchBenchmark.StartApp(seeded.ConnectionString))
        {
            await seeded.SeedAsync(seeding, settings.Members, report.Line);
        }

        var copy = await seeded.CloneAsync("import");
        try
        {
            await using var app = MembersSearchBenchmark.StartApp(copy.ConnectionString);
            var csv = Csv(rows, seed: 7);
            report.Line($"CSV: {csv.Length / 1024.0 / 1024.0:F1} MiB, copy database {copy.Name}");

            await using var scope = app.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<IMemberImport>();
            var watch = Stopwatch.StartNew();
            var preview = await import.PreviewAsync(new MemoryStream(csv));
            var previewSeconds = watch.Elapsed.TotalSeconds;
            report.Line($"preview: {previewSeconds:F1} s ({preview.Rows / previewSeconds:N0} rows/s), {preview.ValidRows:N0} valid, " +
                        $"{preview.ErrorRows:N0} errors, {preview.ExistingMembers:N0} existing members");

            watch.Restart();
            var result = await import.ImportAsync(new MemoryStream(csv), new MemberImportOptions());
            var importSeconds = watch.Elapsed.TotalSeconds;
            var figures = new ImportFigures(rows, settings.Members, previewSeconds, preview.Rows / previewSeconds, preview.ValidRows,
                preview.ExistingMembers, importSeconds, rows / importSeconds, result.Inserted, result.Merged, result.ErrorRows, MembersReport.LoadAverage());
            report.Add(figures);
            report.Line($"import: {importSeconds:F1} s = {figures.ImportRowsPerSecond:N0} rows/s; completed {result.Completed}, " +
                        $"{result.Inserted:N0} inserted, {result.Merged:N0} merged, {result.ErrorRows:N0} errors; load {figures.LoadAverage}");
        }
        finally
        {
            await copy.DropSelfAsync();
        }

        report.Line($"results: {await report.WriteJsonAsync()}");
    }

    /// <summary>A POS-style export: Chinese headers, dashes in mobiles, ROC-style dates are not used (ISO dates).</summary>
    private static byte[] Csv(int count, int seed)
    {
        var random = new Random(seed);
        var used = new HashSet<int>();
        var text = new StringBuilder("姓名,手機,email,生日,性別,地區,門市\n", count * 60);
        string[] surnames = ["陳", "林", "黃", "張", "李", "王", "吳", "劉"];
        string[] given = ["雅惠", "宗憲", "佩君", "志豪", "美華", "建國", "婉如", "俊宏"];
        string[] regions = ["TPE", "NWT", "TAO", "TXG", "TNN", "KHH"];
        for (var i = 0; i < count; i++)
        {
            int number;
            do
            {
                number = random.Next(100_000_000);
            }
            while (!used.Add(number));

            var digits = number.ToString("D8", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $"{surnames[random.Next(surnames.Length)]}{given[random.Next(given.Length)]},09{digits[..2]}-{digits[2..5]}-{digits[5..]},");
            text.Append(random.Next(3) == 0 ? $"pos{i}@example.com" : "");
            text.Append(CultureInfo.InvariantCulture,
                $",{1960 + random.Next(45)}-{1 + random.Next(12):D2}-{1 + random.Next(28):D2},{(random.Next(2) == 0 ? "女" : "男")},{regions[random.Next(regions.Length)]},\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
