using Membership.Benchmarks.Infrastructure;

namespace Membership.Benchmarks.Webhook;

internal sealed record WebhookSettings(int Seconds, int Concurrency, int WarmupSeconds, int[] EventsPerBody, int Redeliveries);

/// <summary>
/// Webhook ingest (issue 3): signed bodies posted over loopback to <c>POST /line/webhook</c> of the real app on a
/// fresh database, one run per body size after a warm-up, then the inbox is checked against every 200 and a
/// share of accepted bodies is posted again to show redelivery stores nothing new.
/// </summary>
internal sealed class WebhookBenchmark(WebhookSettings settings)
{
    public const string ChannelSecret = "benchmark-channel-secret-0123456789abcdef";

    public const string Scope =
        "Acceptance only: the inbox processor is disabled (Line:Inbox:ProcessorEnabled=false), so the figures are " +
        "verify-signature + parse + one INSERT per body + 200, not the handling of events.";

    public async Task RunAsync()
    {
        var report = new WebhookReport(settings);
        report.Header(Scope);
        await using var database = await BenchmarkDatabase.CreateAsync();
        await using var app = AppHost.Start(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Line:ChannelSecret"] = ChannelSecret,
            ["Line:Inbox:ProcessorEnabled"] = "false",
            ["Jobs:ServerEnabled"] = "false",
        });
        report.Line($"app: {app.Address} (environment {app.Environment}, JSON logs at Warning), database: {database.Server}");

        var bodies = new WebhookBodyFactory(ChannelSecret);
        var verifier = new InboxVerifier(database.ConnectionString);
        using var load = new LoadGenerator(new Uri(app.Address, "/line/webhook"), settings.Concurrency);
        var acknowledged = new List<string>();
        var toRedeliver = new List<SignedBody>();

        foreach (var (size, index) in settings.EventsPerBody.Select((s, i) => (s, i)))
        {
            var (warmRequests, warmSeconds) = await WarmUpAsync(load, bodies, size, acknowledged);
            // Twice the warm-up's pace (it includes JIT time), at least 100,000 events: enough not to run dry.
            var wanted = Math.Max(Math.Ceiling(warmRequests / warmSeconds * settings.Seconds * 2), 100_000.0 / Math.Max(size, 1)) + 1_000;
            var pool = (int)Math.Min(2_000_000 / Math.Max(size, 1), wanted);
            report.Line($"\n{size} event(s)/body: warm-up {warmRequests:N0} requests in {warmSeconds:F1} s (not counted); {pool:N0} bodies pre-built");
            var prepared = bodies.Build(pool, size);
            GC.Collect();
            GC.WaitForPendingFinalizers();

            var run = await load.RunAsync(prepared, TimeSpan.FromSeconds(settings.Seconds));
            acknowledged.AddRange(run.Accepted.SelectMany(b => b.EventIds));
            report.Run(size, load.Concurrency, run, await verifier.CheckAsync(acknowledged));

            var share = settings.Redeliveries / settings.EventsPerBody.Length
                + (index == settings.EventsPerBody.Length - 1 ? settings.Redeliveries % settings.EventsPerBody.Length : 0);
            toRedeliver.AddRange(run.Accepted.Take(share));
        }

        var before = await verifier.CountRowsAsync();
        var again = await load.RunAsync([.. toRedeliver], duration: null);
        var after = await verifier.CountRowsAsync();
        report.Redelivery(again, before, after);
        report.Final(await verifier.CheckAsync(acknowledged));
        report.Line($"\nresults: {await report.WriteJsonAsync()}");
    }

    /// <summary>Not counted; sizes the measured run's body pool (the acknowledged events still count for the inbox check).</summary>
    private async Task<(long Requests, double Seconds)> WarmUpAsync(
        LoadGenerator load, WebhookBodyFactory bodies, int size, List<string> acknowledged)
    {
        var warmup = await load.RunAsync(bodies.Build(Math.Max(2_000, 60_000 / Math.Max(size, 1)), size), TimeSpan.FromSeconds(settings.WarmupSeconds));
        acknowledged.AddRange(warmup.Accepted.SelectMany(b => b.EventIds));
        return (warmup.Requests, warmup.Seconds);
    }
}
