using System.Diagnostics;
using Membership.Benchmarks.Infrastructure;
using Membership.Benchmarks.Members;
using Membership.Contracts.Segmentation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Benchmarks.Segmentation;

internal sealed record SegmentationSettings(int Members, bool Reseed, int Queries, int Warmup, bool Keep = false, bool Reuse = false);

internal sealed record TimedFigure(string Name, double Seconds, double MachineCpuSeconds, string LoadAverage);

internal sealed record CountFigures(string Name, int Queries, double P50Ms, double P95Ms, double MaxMs, int Count, int Reachable, double CpuMsPerQuery);

/// <summary>
/// RFM + NES scoring of 1M members with about 10M purchases, next to a bare GROUP BY over the same purchases (the
/// floor), and segment counts for five typical definitions. Members come from the members benchmarks' seeded database
/// (copied); purchases, tags and tiers are generated in SQL once per copy.
/// </summary>
internal sealed class SegmentationBenchmark(SegmentationSettings settings)
{
    private static readonly (string Name, string Json)[] Definitions =
    [
        ("tags + NES", """{"all":[{"field":"tag","op":"hasAny","value":["咖啡","甜點"]},{"field":"nes","op":"in","value":["S1","S2"]}]}"""),
        ("RFM type + region", """{"all":[{"field":"rfmType","op":"in","value":["important-value","important-keep"]},{"field":"region","op":"in","value":["TPE","NWT"]}]}"""),
        ("scores + age", """{"all":[{"field":"mScore","op":"gte","value":4},{"field":"fScore","op":"gte","value":3},{"field":"age","op":"between","value":[25,40]}]}"""),
        ("days since last purchase + tier", """{"all":[{"field":"daysSinceLastPurchase","op":"between","value":[30,90]},{"field":"tier","op":"notIn","value":["regular"]}]}"""),
        ("three-group OR", """{"any":[{"all":[{"field":"nes","op":"in","value":["E0"]},{"field":"mScore","op":"gte","value":4}]},{"all":[{"field":"tag","op":"has","value":"VIP"},{"field":"lineStatus","op":"in","value":["friend"]}]},{"all":[{"field":"birthdayMonth","op":"in","value":[12]},{"field":"registered","op":"eq","value":true}]}]}"""),
    ];

    public async Task RunAsync()
    {
        var report = new MembersReport("segmentation", settings);
        report.Header($"segmentation: {settings.Members:N0} members, ~10 purchases each; {settings.Queries} counts per definition after {settings.Warmup} warm-up");
        var members = await MembersDatabase.OpenAsync(settings.Members, settings.Reseed, report.Line);
        await using (var seeder = MembersSearchBenchmark.StartApp(members.ConnectionString))
        {
            await members.SeedAsync(seeder, settings.Members, report.Line);
        }

        var database = settings.Reuse ? members.Kept("segmentation") : await members.CloneAsync("segmentation");
        try
        {
            // The scoring run logs the time of each of its steps (Information): where the time goes.
            await using var app = AppHost.Start(database.ConnectionString, new Dictionary<string, string?>
            {
                ["Line:Inbox:ProcessorEnabled"] = "false",
                ["Jobs:ServerEnabled"] = "false",
                ["Serilog:MinimumLevel:Override:Membership.Segmentation.Scoring"] = "Information",
            });
            if (settings.Reuse)
            {
                await ExecuteAsync(database.ConnectionString, "VACUUM ANALYZE"); // after migrations that rewrote tables
                report.Line($"reusing the kept {await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM points_purchases"):N0} purchases");
            }
            else
            {
                await GenerateAsync(database.ConnectionString, report);
            }

            var floor = await TimeAsync("bare GROUP BY member (count, sum, max)", () => ExecuteAsync(database.ConnectionString, PurchaseHistorySql.BareGroupBy));
            report.Add(floor);
            report.Line($"floor: {floor.Seconds:F1} s wall, {floor.MachineCpuSeconds:F1} s machine CPU");

            var module = app.Services.CreateScope().ServiceProvider.GetRequiredService<ISegmentationModule>();
            ScoringRun? run = null;
            var scoring = await TimeAsync("RFM + NES scoring run", async () => run = await module.RunScoringAsync(null, "benchmark", default));
            report.Add(scoring);
            report.Line($"scoring: {scoring.Seconds:F1} s wall, {scoring.MachineCpuSeconds:F1} s machine CPU; {run!.MembersScored:N0} scored, cycle {run.CycleDays} d, " +
                        $"{run.Transitions:N0} transitions; ratio to the floor {scoring.Seconds / floor.Seconds:F2}× (target ≤ 3×)");
            var again = await TimeAsync("scoring again, same day", async () => run = await module.RunScoringAsync(null, "benchmark", default));
            report.Add(again);
            report.Line($"scoring again: {again.Seconds:F1} s wall ({again.Seconds / floor.Seconds:F2}× the floor), {run!.Transitions:N0} transitions");

            var rows = new List<CountFigures>();
            var countFloor = await MeasureFloorCountAsync(database.ConnectionString);
            rows.Add(countFloor);
            report.Add(countFloor);
            report.Line($"{countFloor.Name,-32} p50 {countFloor.P50Ms:F0} ms, p95 {countFloor.P95Ms:F0} ms (the floor: one pass over the members, no conditions)");
            foreach (var (name, json) in Definitions)
            {
                var definition = module.ParseDefinition(json) is { IsValid: true } parsed ? parsed.Definition!
                    : throw new InvalidOperationException($"benchmark definition '{name}' is invalid");
                var figures = await MeasureCountAsync(app.Services, name, definition);
                rows.Add(figures);
                report.Add(figures);
                report.Line($"{name,-32} p50 {figures.P50Ms:F0} ms, p95 {figures.P95Ms:F0} ms, max {figures.MaxMs:F0} ms; {figures.Count:N0} members, {figures.Reachable:N0} reachable; {figures.CpuMsPerQuery:F0} CPU ms/count");
            }

            report.Line("\n| what | figure |\n|---|---:|");
            report.Line($"| bare GROUP BY (floor) | {floor.Seconds:F1} s |\n| scoring run | {scoring.Seconds:F1} s ({scoring.Seconds / floor.Seconds:F2}×) |");
            report.Line("\n| segment count | p50 ms | p95 ms | max ms | members | reachable | machine CPU ms / count |\n|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in rows)
            {
                report.Line($"| {r.Name} | {r.P50Ms:F0} | {r.P95Ms:F0} | {r.MaxMs:F0} | {r.Count:N0} | {r.Reachable:N0} | {r.CpuMsPerQuery:F0} |");
            }

            report.Line($"\nload average at end: {MembersReport.LoadAverage()}\nresults: {await report.WriteJsonAsync()}");
        }
        finally
        {
            if (!settings.Keep && !settings.Reuse)
            {
                await database.DropSelfAsync();
            }
        }
    }

    private static async Task GenerateAsync(string connectionString, MembersReport report)
    {
        var watch = Stopwatch.StartNew();
        await ExecuteAsync(connectionString, PurchaseHistorySql.InsertPurchases);
        await ExecuteAsync(connectionString, PurchaseHistorySql.InsertTags);
        await ExecuteAsync(connectionString, PurchaseHistorySql.InsertTiers);
        await ExecuteAsync(connectionString, "VACUUM ANALYZE");
        var purchases = await ScalarAsync(connectionString, "SELECT count(*) FROM points_purchases");
        report.Line($"generated {purchases:N0} purchases, tags and tiers in {watch.Elapsed.TotalSeconds:F0} s");
    }

    private async Task<CountFigures> MeasureCountAsync(IServiceProvider services, string name, SegmentNode definition)
    {
        SegmentCount last = new(0, 0);
        for (var i = 0; i < settings.Warmup; i++)
        {
            last = await CountAsync(services, definition);
        }

        var latency = new LatencyHistogram();
        var cpuBefore = MachineCpu.BusySeconds();
        for (var i = 0; i < settings.Queries; i++)
        {
            var started = Stopwatch.GetTimestamp();
            last = await CountAsync(services, definition);
            latency.Record(Stopwatch.GetTimestamp() - started);
        }

        var cpuMs = (MachineCpu.BusySeconds() - cpuBefore) * 1000 / Math.Max(settings.Queries, 1);
        return new CountFigures(name, settings.Queries, latency.Percentile(50), latency.Percentile(95), latency.MaxMilliseconds, last.Count, last.Reachable, cpuMs);
    }

    /// <summary>The least any count costs: one pass over the members' profile view counting the reachable ones.</summary>
    private async Task<CountFigures> MeasureFloorCountAsync(string connectionString)
    {
        const string sql = """
            SELECT count(*)::int, (count(*) FILTER (WHERE line_user_id IS NOT NULL AND friend_status = 1 AND marketing_opted_out_at IS NULL))::int
            FROM members_v_segment_profiles
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var latency = new LatencyHistogram();
        var cpuBefore = MachineCpu.BusySeconds();
        var (count, reachable) = (0, 0);
        for (var i = 0; i < settings.Warmup + settings.Queries; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (count, reachable) = (reader.GetInt32(0), reader.GetInt32(1));
            if (i >= settings.Warmup)
            {
                latency.Record(Stopwatch.GetTimestamp() - started);
            }
        }

        var cpuMs = (MachineCpu.BusySeconds() - cpuBefore) * 1000 / Math.Max(settings.Warmup + settings.Queries, 1);
        return new CountFigures("floor: bare count of members", settings.Queries, latency.Percentile(50), latency.Percentile(95), latency.MaxMilliseconds, count, reachable, cpuMs);
    }

    private static async Task<SegmentCount> CountAsync(IServiceProvider services, SegmentNode definition)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISegmentationModule>().CountAsync(definition);
    }

    private static async Task<TimedFigure> TimeAsync(string name, Func<Task> action)
    {
        var cpuBefore = MachineCpu.BusySeconds();
        var watch = Stopwatch.StartNew();
        await action();
        return new TimedFigure(name, watch.Elapsed.TotalSeconds, MachineCpu.BusySeconds() - cpuBefore, MembersReport.LoadAverage());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
