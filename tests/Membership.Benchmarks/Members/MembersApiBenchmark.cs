extern alias web;

using System.Diagnostics;
using Membership.Benchmarks.Infrastructure;
using Membership.Contracts.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ApiKeyDirectory = web::Membership.Web.Integration.ApiKeyDirectory;

namespace Membership.Benchmarks.Members;

internal sealed record ApiFigures(
    string Route, int Concurrency, double Seconds, long Requests, double RequestsPerSecond, double P50Ms, double P99Ms, double MaxMs,
    long Non200, double CpuMsPerRequest, string LoadAverage);

/// <summary>
/// The POS lookups of the integration API over real loopback HTTP with an API key: <c>GET /api/v1/members/{code}</c>
/// and <c>GET /api/v1/members?mobile=</c> for members of the seeded database, N requests in flight.
/// </summary>
internal sealed class MembersApiBenchmark(MembersSettings settings, int seconds, int concurrency)
{
    public async Task RunAsync()
    {
        var report = new MembersReport("members-api", new { settings, seconds, concurrency });
        report.Header($"members-api: {settings.Members:N0} members, {seconds} s per route, concurrency {concurrency}");
        var database = await MembersDatabase.OpenAsync(settings.Members, settings.Reseed, report.Line);
        await using var app = MembersSearchBenchmark.StartApp(database.ConnectionString);
        await database.SeedAsync(app, settings.Members, report.Line);

        CreatedKey key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ApiKeyDirectory>().CreateAsync("benchmark", "benchmark");
            key = new CreatedKey(created.Id, created.Secret);
        }

        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false, UseCookies = false })
            {
                BaseAddress = app.Address,
            };
            client.DefaultRequestHeaders.Add(IntegrationApi.HeaderName, key.Secret);
            var codes = await SampleAsync(database.ConnectionString, "member_code");
            var mobiles = await SampleAsync(database.ConnectionString, "mobile");
            (string Route, string[] Paths)[] routes =
            [
                ("GET /api/v1/members/{memberCode}", codes.Select(c => $"/api/v1/members/{c}").ToArray()),
                ("GET /api/v1/members?mobile=", mobiles.Select(m => $"/api/v1/members?mobile={m}").ToArray()),
            ];
            foreach (var (route, paths) in routes)
            {
                await LoadAsync(client, paths, TimeSpan.FromSeconds(3)); // warm-up, not counted
                var figures = await LoadAsync(client, paths, TimeSpan.FromSeconds(seconds)) with { Route = route };
                report.Add(figures);
                report.Line($"{route}: {figures.Requests:N0} requests in {figures.Seconds:F1} s = {figures.RequestsPerSecond:N0} req/s, " +
                            $"p50 {figures.P50Ms:F2} ms, p99 {figures.P99Ms:F2} ms, max {figures.MaxMs:F1} ms, {figures.Non200} non-200, " +
                            $"{figures.CpuMsPerRequest:F2} CPU ms/req (app + client); load {figures.LoadAverage}");
            }
        }
        finally
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ApiKeyDirectory>().RevokeAsync(key.Id, "benchmark");
        }

        report.Line($"results: {await report.WriteJsonAsync()}");
    }

    private async Task<ApiFigures> LoadAsync(HttpClient client, string[] paths, TimeSpan duration)
    {
        var latency = new LatencyHistogram();
        long next = -1, non200 = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            while (clock.Elapsed < duration)
            {
                var path = paths[Interlocked.Increment(ref next) % paths.Length];
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                await response.Content.LoadIntoBufferAsync();
                latency.Record(Stopwatch.GetTimestamp() - started);
                if ((int)response.StatusCode != 200)
                {
                    Interlocked.Increment(ref non200);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return new ApiFigures("", concurrency, elapsed, latency.Count, latency.Count / elapsed, latency.Percentile(50), latency.Percentile(99),
            latency.MaxMilliseconds, non200, cpuMs / Math.Max(latency.Count, 1), MembersReport.LoadAverage());
    }

    private static async Task<List<string>> SampleAsync(string connectionString, string column)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT {column} FROM members_members TABLESAMPLE BERNOULLI (1) REPEATABLE (11) WHERE {column} IS NOT NULL LIMIT 5000", connection);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private sealed record CreatedKey(Guid Id, string Secret);
}
