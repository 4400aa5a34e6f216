using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using Membership.Benchmarks.Infrastructure;

namespace Membership.Benchmarks.Webhook;

internal sealed record RunFigures(
    int EventsPerBody, int Concurrency, double Seconds, long Requests, long EventsAccepted, double EventsPerSecond,
    double RequestsPerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs, long Non200, long Failures,
    bool PoolRanOut, double ProcessCpuMsPerRequest, string LoadAverage, InboxCheck Inbox);

internal sealed record RedeliveryFigures(int Bodies, long Events, long Non200, double P50Ms, double P99Ms, double MaxMs, long RowsBefore, long RowsAfter)
{
    public bool RowsUnchanged => RowsBefore == RowsAfter;
}

/// <summary>Prints each figure as it comes, a table at the end, and the same figures as JSON under results/.</summary>
internal sealed class WebhookReport(WebhookSettings settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly DateTimeOffset _started = DateTimeOffset.Now;
    private readonly List<RunFigures> _runs = [];
    private readonly string _machine =
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
        $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; app and load client share this process and its cores";

    private RedeliveryFigures? _redelivery;
    private InboxCheck? _final;
    private string _scope = "";

    public void Line(string text) => Console.WriteLine(text);

    public void Header(string scope)
    {
        _scope = scope;
        Line($"webhook ingest benchmark: {settings.Seconds} s per body size {string.Join('/', settings.EventsPerBody)}, " +
             $"concurrency {settings.Concurrency}, warm-up {settings.WarmupSeconds} s");
        Line($"machine: {_machine}");
        Line(scope);
        Line($"machine load average before start: {LoadAverage()} (other work on these cores skews every figure)");
    }

    public void Run(int size, int concurrency, LoadResult run, InboxCheck inbox)
    {
        var figures = new RunFigures(size, concurrency, run.Seconds, run.Requests, run.EventsAccepted, run.EventsAccepted / run.Seconds,
            run.Requests / run.Seconds, run.Latency.Percentile(50), run.Latency.Percentile(95), run.Latency.Percentile(99),
            run.Latency.MaxMilliseconds, run.Non200, run.Failures, run.RanOut, run.CpuSeconds * 1000 / Math.Max(run.Requests, 1),
            LoadAverage(), inbox);
        _runs.Add(figures);
        Line($"  measured {figures.Seconds:F1} s{(run.RanOut ? " (pre-built bodies ran out first)" : "")}: " +
             $"{figures.Requests:N0} requests, {figures.EventsAccepted:N0} events accepted, {figures.Non200:N0} non-200 ({figures.Failures:N0} no answer)");
        Line($"  {figures.EventsPerSecond:N0} events/s, {figures.RequestsPerSecond:N0} requests/s");
        Line($"  acknowledgement latency ms: p50 {figures.P50Ms:F2}, p95 {figures.P95Ms:F2}, p99 {figures.P99Ms:F2}, max {figures.MaxMs:F2}");
        Line($"  this process (app + load client) used {run.CpuSeconds:F1} CPU-s = {figures.ProcessCpuMsPerRequest:F2} ms per request; " +
             $"machine load average now {figures.LoadAverage}");
        Line($"  inbox check: {inbox}");
    }

    public void Redelivery(LoadResult again, long rowsBefore, long rowsAfter)
    {
        _redelivery = new RedeliveryFigures(again.Bodies.Length, again.Bodies.Sum(b => (long)b.EventIds.Length), again.Non200,
            again.Latency.Percentile(50), again.Latency.Percentile(99), again.Latency.MaxMilliseconds, rowsBefore, rowsAfter);
        Line($"\nredelivery: {_redelivery.Bodies:N0} accepted bodies ({_redelivery.Events:N0} events) posted again, " +
             $"{_redelivery.Non200:N0} non-200, p50 {_redelivery.P50Ms:F2} ms, p99 {_redelivery.P99Ms:F2} ms");
        Line($"  rows before {rowsBefore:N0}, after {rowsAfter:N0}: {(_redelivery.RowsUnchanged ? "unchanged (PASS)" : "CHANGED (FAIL)")}");
    }

    public void Final(InboxCheck inbox)
    {
        _final = inbox;
        Line($"\nfinal inbox check (warm-ups, runs and redelivery): {inbox}");
        Line("\n| events/body | conc | s | requests | events | events/s | req/s | p50 ms | p95 ms | p99 ms | max ms | non-200 | cpu ms/req | inbox |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in _runs)
        {
            Line($"| {r.EventsPerBody} | {r.Concurrency} | {r.Seconds:F1} | {r.Requests:N0} | {r.EventsAccepted:N0} | {r.EventsPerSecond:N0} | " +
                 $"{r.RequestsPerSecond:N0} | {r.P50Ms:F2} | {r.P95Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F2} | {r.Non200:N0} | {r.ProcessCpuMsPerRequest:F2} | " +
                 $"{(r.Inbox.Passed ? "ok" : "FAIL")}, {r.Inbox.Missing} lost, {r.Inbox.Duplicated} dup |");
        }

        if (_redelivery is { } again)
        {
            Line($"| redelivery | {settings.Concurrency} | | {again.Bodies:N0} | {again.Events:N0} | | | {again.P50Ms:F2} | | {again.P99Ms:F2} | " +
                 $"{again.MaxMs:F2} | {again.Non200:N0} | | rows {again.RowsBefore:N0} -> {again.RowsAfter:N0} |");
        }
    }

    /// <summary>1, 5 and 15 minute load averages: anything else running on the machine shows here.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public async Task<string> WriteJsonAsync()
    {
        Directory.CreateDirectory(ProjectPaths.Results);
        var path = Path.Combine(ProjectPaths.Results, $"webhook-{_started:yyyyMMdd-HHmm}.json");
        var document = new { benchmark = "webhook", startedAt = _started, machine = _machine, scope = _scope, settings, runs = _runs, redelivery = _redelivery, finalInbox = _final };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
        return path;
    }
}
