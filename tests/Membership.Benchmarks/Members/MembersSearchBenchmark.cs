using System.Diagnostics;
using Membership.Benchmarks.Infrastructure;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Benchmarks.Members;

internal sealed record MembersSettings(int Members, bool Reseed, int Queries, int Warmup, int PageSize);

internal sealed record SearchFigures(
    string Kind, int Queries, double P50Ms, double P95Ms, double MaxMs, double MeanHits, int Empty, int CappedCounts, string LoadAverage);

/// <summary>
/// Member search at scale: the console's path (<see cref="IMemberDirectory.SearchAsync"/>, first page, best match
/// first) timed one query at a time per kind of search text, after a warm-up pass that is not counted.
/// </summary>
internal sealed class MembersSearchBenchmark(MembersSettings settings)
{
    public async Task RunAsync()
    {
        var report = new MembersReport("members-search", settings);
        report.Header($"members-search: {settings.Members:N0} members, {settings.Queries} queries per kind after {settings.Warmup} warm-up, page size {settings.PageSize}");
        var database = await MembersDatabase.OpenAsync(settings.Members, settings.Reseed, report.Line);
        await using var app = StartApp(database.ConnectionString);
        await database.SeedAsync(app, settings.Members, report.Line);

        var kinds = await SearchQueries.LoadAsync(database.ConnectionString, settings.Queries, seed: 4);
        var rows = new List<SearchFigures>();
        foreach (var kind in kinds)
        {
            var figures = await MeasureAsync(app.Services, kind);
            rows.Add(figures);
            report.Add(figures);
            report.Line($"{kind.Name,-14} {kind.Description}: p50 {figures.P50Ms:F1} ms, p95 {figures.P95Ms:F1} ms, max {figures.MaxMs:F1} ms; " +
                        $"mean total {figures.MeanHits:N0}, {figures.Empty} found nothing, {figures.CappedCounts} counts capped; load {figures.LoadAverage}");
        }

        report.Line("\n| kind | queries | p50 ms | p95 ms | max ms | mean total | none found | capped |");
        report.Line("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            report.Line($"| {r.Kind} | {r.Queries} | {r.P50Ms:F1} | {r.P95Ms:F1} | {r.MaxMs:F1} | {r.MeanHits:N0} | {r.Empty} | {r.CappedCounts} |");
        }

        report.Line($"\nload average at end: {MembersReport.LoadAverage()}\nresults: {await report.WriteJsonAsync()}");
    }

    internal static AppHost StartApp(string connectionString) => AppHost.Start(connectionString, new Dictionary<string, string?>
    {
        ["Line:Inbox:ProcessorEnabled"] = "false",
        ["Jobs:ServerEnabled"] = "false",
    });

    private async Task<SearchFigures> MeasureAsync(IServiceProvider services, SearchKind kind)
    {
        var page = new PageRequest(1, settings.PageSize);
        foreach (var text in kind.Texts.Take(settings.Warmup))
        {
            await SearchAsync(services, text, page);
        }

        var latency = new LatencyHistogram();
        long hits = 0;
        int empty = 0, capped = 0;
        foreach (var text in kind.Texts)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await SearchAsync(services, text, page);
            latency.Record(Stopwatch.GetTimestamp() - started);
            hits += result.TotalCount;
            empty += result.Items.Count == 0 ? 1 : 0;
            capped += result.TotalIsLowerBound ? 1 : 0;
        }

        return new SearchFigures(kind.Name, kind.Texts.Count, latency.Percentile(50), latency.Percentile(95), latency.MaxMilliseconds,
            hits / (double)Math.Max(kind.Texts.Count, 1), empty, capped, MembersReport.LoadAverage());
    }

    private static async Task<PagedResult<MemberSummary>> SearchAsync(IServiceProvider services, string text, PageRequest page)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMemberDirectory>().SearchAsync(new MemberQuery(Search: text), page);
    }
}
