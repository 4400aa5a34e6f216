using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Membership.Benchmarks.Infrastructure;

namespace Membership.Benchmarks.Purchases;

/// <summary>One request of the load: its method, path, JSON body and idempotency key; <see cref="Kind"/> names it in the figures.</summary>
internal sealed record PointsCall(string Kind, string Path, string Body, string IdempotencyKey);

/// <summary>What one load run saw: latency of every request, and answers counted by kind and HTTP status.</summary>
internal sealed record PointsLoadResult(
    LatencyHistogram Latency, double Seconds, IReadOnlyDictionary<string, long> Answers, double CpuSeconds, double MachineCpuSeconds)
{
    public long Requests => Latency.Count;

    public long Count(string kind, int status) => Answers.GetValueOrDefault($"{kind} {status}");
}

/// <summary>N workers calling the integration API over loopback HTTP, one request per worker at a time, until the deadline.</summary>
internal sealed class PointsLoad(Uri baseAddress, string apiKey, int concurrency) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<PointsLoadResult> RunAsync(Func<PointsCall> next, TimeSpan duration)
    {
        var latency = new LatencyHistogram();
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var machine = MachineCpu.BusySeconds();
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            while (clock.Elapsed < duration)
            {
                var call = next();
                var started = Stopwatch.GetTimestamp();
                var status = await SendAsync(call);
                latency.Record(Stopwatch.GetTimestamp() - started);
                answers.AddOrUpdate($"{call.Kind} {status}", 1, (_, n) => n + 1);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        clock.Stop();
        return new PointsLoadResult(
            latency, clock.Elapsed.TotalSeconds, answers, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, MachineCpu.BusySeconds() - machine);
    }

    public void Dispose() => _client.Dispose();

    private async Task<int> SendAsync(PointsCall call)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, call.Path) { Content = new StringContent(call.Body, Encoding.UTF8) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", call.IdempotencyKey);
        try
        {
            using var response = await _client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}
