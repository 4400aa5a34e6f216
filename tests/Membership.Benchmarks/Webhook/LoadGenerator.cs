using System.Diagnostics;
using System.Net.Http.Headers;
using Membership.Benchmarks.Infrastructure;

namespace Membership.Benchmarks.Webhook;

/// <summary>What one load run saw; <see cref="Statuses"/> holds each body's HTTP status (0: not sent or no answer).</summary>
internal sealed record LoadResult(
    SignedBody[] Bodies, int[] Statuses, LatencyHistogram Latency, double Seconds, long Requests, long Non200, long Failures, bool RanOut,
    double CpuSeconds)
{
    public IEnumerable<SignedBody> Accepted => Bodies.Where((_, i) => Statuses[i] == 200);

    public long EventsAccepted => Accepted.Sum(b => (long)b.EventIds.Length);
}

/// <summary>
/// N workers posting pre-built signed bodies over real loopback HTTP, each body at most once, one request per worker
/// at a time. Stops at the deadline or when the bodies run out; every request's latency goes into one histogram.
/// </summary>
internal sealed class LoadGenerator(Uri webhook, int concurrency) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    public int Concurrency => concurrency;

    /// <param name="duration">Null: post every body once, however long it takes.</param>
    public async Task<LoadResult> RunAsync(SignedBody[] bodies, TimeSpan? duration)
    {
        var statuses = new int[bodies.Length];
        var latency = new LatencyHistogram();
        long next = -1, non200 = 0, failures = 0;
        var ranOut = false;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var deadline = duration is { } d ? d : TimeSpan.MaxValue;

        async Task WorkerAsync()
        {
            while (clock.Elapsed < deadline)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= bodies.Length)
                {
                    ranOut = duration is not null;
                    return;
                }

                var started = Stopwatch.GetTimestamp();
                var status = await PostAsync(bodies[index]);
                latency.Record(Stopwatch.GetTimestamp() - started);
                statuses[index] = status;
                if (status != 200)
                {
                    Interlocked.Increment(ref non200);
                    if (status == 0)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        clock.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new LoadResult(bodies, statuses, latency, clock.Elapsed.TotalSeconds, latency.Count, non200, failures, ranOut, cpuSeconds);
    }

    public void Dispose() => _client.Dispose();

    private async Task<int> PostAsync(SignedBody body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ByteArrayContent(body.Body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("x-line-signature", body.Signature);
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
