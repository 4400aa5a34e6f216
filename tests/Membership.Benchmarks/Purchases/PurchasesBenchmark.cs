using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using Membership.Benchmarks.Infrastructure;

namespace Membership.Benchmarks.Purchases;

internal sealed record PurchasesSettings(int Seconds, int Concurrency, int WarmupSeconds, int Members, int RedeemPercent);

internal sealed record PhaseFigures(
    string Phase, int Concurrency, double Seconds, long Requests, double RequestsPerSecond, double TransactionsPerSecond,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyDictionary<string, long> Answers, double CpuMsPerRequest,
    double MachineCpuMsPerRequest, string LoadAverage);

/// <summary>
/// Purchases with earn through <c>POST /api/v1/purchases</c> (issue 5), then a mix of purchases and point redemptions
/// (<c>POST /api/v1/members/{code}/points/redemptions</c>) of members who bought recently, over loopback against the real app on a
/// fresh database with demo members; afterwards every member's ledger is audited.
/// </summary>
internal sealed class PurchasesBenchmark(PurchasesSettings settings)
{
    public const string ApiKey = "benchmark-pos-key";

    public const string Scope =
        "One API call = one transaction (member look-up, idempotency claim, account row lock, inserts). Outbox delivery is off " +
        "(Outbox:Enabled=false): the LINE push and timeline entries that follow a purchase are not measured. tx/s counts every " +
        "answered write, including 422s (a redemption correctly refused for a short balance).";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string?[] _buyers = new string?[4096];

    private long _sequence;
    private long _buyerCount;

    public async Task RunAsync()
    {
        var started = DateTimeOffset.Now;
        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
                      $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; app and load client share this process and its cores";
        Console.WriteLine($"purchases benchmark: {settings.Seconds} s per phase, concurrency {settings.Concurrency}, {settings.Members:N0} members, " +
                          $"mix {100 - settings.RedeemPercent}% purchases / {settings.RedeemPercent}% redemptions");
        Console.WriteLine($"machine: {machine}\n{Scope}\nload average before start: {LoadAverage()}");
        await using var database = await BenchmarkDatabase.CreateAsync();
        await using var app = AppHost.Start(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:Members"] = settings.Members.ToString(CultureInfo.InvariantCulture),
            ["MEMBERSHIP_DEMO_API_KEY"] = ApiKey,
            ["Outbox:Enabled"] = "false",
            ["Jobs:ServerEnabled"] = "false",
            ["Line:Inbox:ProcessorEnabled"] = "false",
        });
        var audit = new LedgerAudit(database.ConnectionString);
        var codes = await audit.MemberCodesAsync();
        Console.WriteLine($"app: {app.Address} (environment {app.Environment}), database: {database.Server}, {codes.Length:N0} members seeded");
        await WaitForApiKeyAsync(app.Address);

        using var load = new PointsLoad(app.Address, ApiKey, settings.Concurrency);
        var warm = await load.RunAsync(() => Purchase(codes), TimeSpan.FromSeconds(settings.WarmupSeconds));
        Console.WriteLine($"warm-up: {warm.Requests:N0} purchases in {warm.Seconds:F1} s (not counted)");

        var phases = new List<PhaseFigures>
        {
            Report("purchases", await load.RunAsync(() => Purchase(codes), TimeSpan.FromSeconds(settings.Seconds))),
            Report("earn/redeem mix", await load.RunAsync(
                () => Random.Shared.Next(100) < settings.RedeemPercent ? Redemption(codes) : Purchase(codes), TimeSpan.FromSeconds(settings.Seconds))),
        };
        var check = await audit.CheckAsync();
        Console.WriteLine($"\nledger audit: {check}");
        Console.WriteLine("\n| phase | conc | s | requests | req/s | tx/s | p50 ms | p95 ms | p99 ms | max ms | answers | cpu ms/req | machine cpu ms/req |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var p in phases)
        {
            Console.WriteLine($"| {p.Phase} | {p.Concurrency} | {p.Seconds:F1} | {p.Requests:N0} | {p.RequestsPerSecond:N0} | {p.TransactionsPerSecond:N0} | " +
                              $"{p.P50Ms:F2} | {p.P95Ms:F2} | {p.P99Ms:F2} | {p.MaxMs:F2} | {Answers(p.Answers)} | {p.CpuMsPerRequest:F2} | {p.MachineCpuMsPerRequest:F2} |");
        }

        Directory.CreateDirectory(ProjectPaths.Results);
        var path = Path.Combine(ProjectPaths.Results, $"purchases-{started:yyyyMMdd-HHmm}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { benchmark = "purchases", startedAt = started, machine, scope = Scope, settings, phases, ledger = check }, Json));
        Console.WriteLine($"\nresults: {path}");
    }

    private PointsCall Purchase(string[] codes)
    {
        var n = Interlocked.Increment(ref _sequence);
        var code = codes[Random.Shared.Next(codes.Length)];
        _buyers[Interlocked.Increment(ref _buyerCount) % _buyers.Length] = code;
        var total = Random.Shared.Next(100, 5_000);
        var body = $$"""
            {"memberCode":"{{code}}","storeCode":"TPE-{{n % 20:00}}","receiptNumber":"B{{n}}","total":{{total}},"occurredAt":"{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}",
             "lines":[{"sku":"SKU-{{n % 50}}","category":"{{(n % 3 == 0 ? "coffee" : "food")}}","quantity":1,"amount":{{total}}}]}
            """;
        return new PointsCall("purchase", "/api/v1/purchases", body, $"bench-p-{n}");
    }

    private PointsCall Redemption(string[] codes)
    {
        var n = Interlocked.Increment(ref _sequence);
        // Members who bought recently, so most redemptions find points (some are still refused: those come out as 422).
        var filled = (int)Math.Min(Interlocked.Read(ref _buyerCount) + 1, _buyers.Length);
        var code = _buyers[Random.Shared.Next(filled)] ?? codes[Random.Shared.Next(codes.Length)];
        return new PointsCall("redeem", $"/api/v1/members/{code}/points/redemptions", $$"""{"points":{{Random.Shared.Next(1, 6)}},"reason":"POS discount"}""", $"bench-r-{n}");
    }

    private PhaseFigures Report(string phase, PointsLoadResult run)
    {
        var answered = run.Answers.Where(a => a.Key.EndsWith(" 201", StringComparison.Ordinal) || a.Key.EndsWith(" 422", StringComparison.Ordinal)).Sum(a => a.Value);
        var figures = new PhaseFigures(
            phase, settings.Concurrency, run.Seconds, run.Requests, run.Requests / run.Seconds, answered / run.Seconds, run.Latency.Percentile(50),
            run.Latency.Percentile(95), run.Latency.Percentile(99), run.Latency.MaxMilliseconds, run.Answers, run.CpuSeconds * 1000 / Math.Max(run.Requests, 1),
            run.MachineCpuSeconds * 1000 / Math.Max(run.Requests, 1), LoadAverage());
        Console.WriteLine($"\n{phase}: {figures.Requests:N0} requests in {figures.Seconds:F1} s = {figures.RequestsPerSecond:N0} req/s, {figures.TransactionsPerSecond:N0} tx/s");
        Console.WriteLine($"  latency ms: p50 {figures.P50Ms:F2}, p95 {figures.P95Ms:F2}, p99 {figures.P99Ms:F2}, max {figures.MaxMs:F2}");
        Console.WriteLine($"  answers: {Answers(run.Answers)}; load average now {figures.LoadAverage}");
        return figures;
    }

    /// <summary>The demo key is seeded by a hosted service at start-up; wait until the API accepts it.</summary>
    private static async Task WaitForApiKeyAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        for (var i = 0; i < 100; i++)
        {
            using var response = await client.GetAsync("/api/v1/members/000000000000/points");
            if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The benchmark API key was not accepted.");
    }

    private static string Answers(IReadOnlyDictionary<string, long> answers) =>
        string.Join(", ", answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value:N0}"));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
