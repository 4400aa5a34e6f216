using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Benchmarks.Infrastructure;
using Membership.Benchmarks.Members;
using Membership.Contracts.Broadcast;
using Membership.Testing.Line;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Benchmarks.Broadcast;

internal sealed record BroadcastBenchSettings(int Recipients, int PushRecipients, int FloorRequests);

/// <param name="Freeze">Start of the send to the audience frozen (recipients and batches written).</param>
/// <param name="Send">Audience frozen to the last batch recorded.</param>
internal sealed record SendFigures(
    string Name, int Recipients, int Sent, int Failed, double FreezeSeconds, double SendSeconds, double RecipientsPerSecond, double CeilingPerSecond,
    double ShareOfCeiling, double MachineCpuMsPer1000, int EmulatorUsers, long EmulatorMessages, int Duplicated, int Missing, int DeliveringRetryKeys, int Batches);

internal sealed record FloorFigures(string Name, int Requests, int Recipients, double Seconds, double RecipientsPerSecond, int Refused429, double MachineCpuMsPer1000);

/// <summary>
/// Campaign dispatch against the LINE emulator enforcing LINE's rate limits: N identical recipients by multicast
/// (ceiling 200 req/s × 500) and P personalised recipients by push (ceiling 2,000/s), each with the time to freeze the
/// audience and an audit of what the emulator recorded (every recipient once, none twice, none missing). The floor is
/// a bare client posting prebuilt multicasts straight to the emulator, no app and no database.
/// </summary>
internal sealed class BroadcastBenchmark(BroadcastBenchSettings settings)
{
    private const int UsersPerBulk = 20_000;

    public async Task RunAsync()
    {
        var report = new MembersReport("broadcast", settings);
        report.Header($"broadcast: {settings.Recipients:N0} recipients by multicast, {settings.PushRecipients:N0} by push, against the emulator's LINE limits");
        var emulator = new EmulatorServer
        {
            Settings = new Dictionary<string, string?>
            {
            ["Emulator:MonthlyQuota"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            // WebApplicationFactory finds it through a test assembly's attributes; this program is not one.
                [Microsoft.AspNetCore.Hosting.WebHostDefaults.ContentRootKey] = Path.Combine(ProjectPaths.RepositoryRoot, "src", "Membership.LineEmulator"),
            },
        };
        await emulator.InitializeAsync();
        await using var database = await BenchmarkDatabase.CreateAsync();
        try
        {
            var overrides = new Dictionary<string, string?>(emulator.AppSettings)
            {
                ["Line:Inbox:ProcessorEnabled"] = "false",
                ["Jobs:ServerEnabled"] = "false",
                ["Broadcast:PollInterval"] = "00:00:00.200",
            };
            await using var app = AppHost.Start(database.ConnectionString, overrides);
            var watch = Stopwatch.StartNew();
            await ExecuteAsync(database.ConnectionString, GenerateMembers, ("n", settings.Recipients), ("p", settings.PushRecipients));
            report.Line($"members: {settings.Recipients:N0} LINE friends generated in {watch.Elapsed.TotalSeconds:F1} s");
            watch.Restart();
            await CreateEmulatorUsersAsync(emulator, settings.Recipients);
            report.Line($"emulator: {settings.Recipients:N0} friends created in {watch.Elapsed.TotalSeconds:F1} s");

            var floor = await FloorAsync(emulator, "multicast", settings.FloorRequests, 500);
            report.Add(floor);
            report.Line($"floor (bare client → emulator, {floor.Requests:N0} multicasts of 500): {floor.RecipientsPerSecond:N0} recipients/s " +
                        $"({floor.RecipientsPerSecond / 100_000:P0} of LINE's 100,000/s), {floor.Refused429} answered 429");
            var pushFloor = await FloorAsync(emulator, "push", Math.Min(settings.PushRecipients, 20_000), 1);
            report.Add(pushFloor);
            report.Line($"floor (bare client → emulator, {pushFloor.Requests:N0} pushes): {pushFloor.RecipientsPerSecond:N0} recipients/s " +
                        $"({pushFloor.RecipientsPerSecond / 2_000:P0} of LINE's 2,000/s), {pushFloor.Refused429} answered 429, " +
                        $"{pushFloor.MachineCpuMsPer1000:F0} machine CPU ms per 1,000");

            var broadcast = app.Services.CreateScope().ServiceProvider.GetRequiredService<IBroadcastModule>();
            await broadcast.SaveSettingsAsync(BroadcastSettings.Default with { CapMessages = 0 }, "benchmark");

            var multicast = await SendAsync(report, broadcast, emulator, database.ConnectionString, "multicast, identical content",
                new CampaignAudience(AllFriends: true), "週年慶全館 85 折，會員再享點數加倍", 100_000);
            await SendAsync(report, broadcast, emulator, database.ConnectionString, "push, personalised",
                new CampaignAudience(Tags: ["bench-push"]), "{{ name | default: \"親愛的會員\" }}，您有 {{ points }} 點，本週到店加倍", 2_000);
            // A personal field everyone shares (no tiers here: all get the fallback): one multicast per 500, as identical content.
            await SendAsync(report, broadcast, emulator, database.ConnectionString, "personalised, one shared rendering",
                new CampaignAudience(Tags: ["bench-push"]), "{{ tier | default: \"一般會員\" }}專屬：本週到店加倍", 100_000);

            watch.Restart();
            var campaign = await broadcast.GetCampaignAsync(multicast);
            report.Line($"console progress read of the {campaign!.Counts.Recipients:N0}-recipient campaign (GetCampaignAsync): {watch.Elapsed.TotalMilliseconds:F0} ms");
            report.Line($"figures: {await report.WriteJsonAsync()}");
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private static async Task<Guid> SendAsync(
        MembersReport report, IBroadcastModule broadcast, EmulatorServer emulator, string connectionString, string name, CampaignAudience audience,
        string text, double ceiling)
    {
        var created = await broadcast.CreateCampaignAsync(new CreateCampaignRequest(
            name, audience, [JsonSerializer.SerializeToElement(new { type = "text", text })], 0, 7, "benchmark"));
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => $"{e.Path}: {e.Message}")));
        }

        var id = created.Id!.Value;
        var cpu = MachineCpu.BusySeconds();
        var scheduled = await broadcast.ScheduleAsync(new ScheduleCampaignRequest(id, null, true, true, "benchmark"));
        if (scheduled.Outcome != ScheduleOutcome.Scheduled)
        {
            throw new InvalidOperationException($"{scheduled.Outcome}: {scheduled.Error}");
        }

        // Poll the campaign row only: counting a million recipients each time would load the machine being measured.
        (int Status, DateTimeOffset? Started, DateTimeOffset? Frozen, DateTimeOffset? Finished) row;
        do
        {
            await Task.Delay(200);
            row = await StatusAsync(connectionString, id);
        }
        while (row.Status is (int)CampaignStatus.Scheduled or (int)CampaignStatus.Sending);

        var cpuSeconds = MachineCpu.BusySeconds() - cpu;
        var campaign = (await broadcast.GetCampaignAsync(id))!;
        var unit = $"c{id:N}"[..30];
        var audit = (await emulator.Http.GetFromJsonAsync<JsonObject>($"/_emulator/audit?unit={unit}"))!;
        var (users, messages, duplicated, keys) = ((int)audit["users"]!, (long)audit["messages"]!, (int)audit["duplicatedUsers"]!, (int)audit["retryKeys"]!);
        var freeze = (row.Frozen!.Value - row.Started!.Value).TotalSeconds;
        var send = (row.Finished!.Value - row.Frozen.Value).TotalSeconds;
        var rate = campaign.Counts.Sent / send;
        var figures = new SendFigures(
            name, campaign.Counts.Recipients, campaign.Counts.Sent, campaign.Counts.Failed, freeze, send, rate, ceiling, rate / ceiling,
            cpuSeconds * 1000 / Math.Max(1, campaign.Counts.Recipients) * 1000, users, messages, duplicated, campaign.Counts.Sent - users,
            keys, campaign.Counts.Batches);
        report.Add(figures);
        report.Line($"{name}: {campaign.Status}, {figures.Recipients:N0} recipients, {figures.Sent:N0} sent, {figures.Failed:N0} failed; " +
                    $"freeze {freeze:F1} s; send {send:F1} s = {rate:N0} recipients/s, {figures.ShareOfCeiling:P0} of the {ceiling:N0}/s ceiling; " +
                    $"{figures.MachineCpuMsPer1000:F0} machine CPU ms per 1,000 recipients");
        report.Line($"  audit: emulator holds {users:N0} recipients ({messages:N0} messages), {duplicated:N0} got it twice, " +
                    $"{figures.Missing:N0} sent but missing; delivered by {keys:N0} requests (retry keys) for {campaign.Counts.Batches:N0} batches");
        return id;
    }

    internal static async Task<FloorFigures> FloorAsync(EmulatorServer emulator, string endpoint, int requests, int size)
    {
        var ids = Enumerable.Range(1, requests * size).Select(UserId).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorServer.AccessToken);
        var refused = 0;
        var cpu = MachineCpu.BusySeconds();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var body = new JsonObject
            {
                ["to"] = size == 1 ? ids[i] : new JsonArray(ids.Skip(i * size).Take(size).Select(id => (JsonNode)id).ToArray()),
                ["messages"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "floor" }),
                ["customAggregationUnits"] = new JsonArray("floor_" + endpoint),
            };
            while (true)
            {
                using var response = await http.PostAsJsonAsync("/v2/bot/message/" + endpoint, body, ct);
                if (response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    response.EnsureSuccessStatusCode();
                    return;
                }

                Interlocked.Increment(ref refused);
                await Task.Delay(20, ct);
            }
        });
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuMs = (MachineCpu.BusySeconds() - cpu) * 1000;
        (await emulator.Http.DeleteAsync("/_emulator/requests")).EnsureSuccessStatusCode();
        return new FloorFigures($"bare client {endpoint} → emulator", requests, requests * size, seconds, requests * size / seconds, refused,
            cpuMs / (requests * size) * 1000);
    }

    internal static async Task CreateEmulatorUsersAsync(EmulatorServer emulator, int count)
    {
        for (var start = 1; start <= count; start += UsersPerBulk)
        {
            var ids = Enumerable.Range(start, Math.Min(UsersPerBulk, count - start + 1)).Select(UserId).ToList();
            (await emulator.Http.PostAsJsonAsync("/_emulator/users/bulk", new { userIds = ids })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>The LINE user id of generated member i, as <see cref="GenerateMembers"/> makes it in SQL.</summary>
    internal static string UserId(int i) => "U" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"bench{i}")));

    private static async Task<(int, DateTimeOffset?, DateTimeOffset?, DateTimeOffset?)> StatusAsync(string connectionString, Guid id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, started_at, frozen_at, finished_at FROM broadcast_campaigns WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
        return (reader.GetInt32(0), At(1), At(2), At(3));
    }

    internal static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>N registered LINE friends; the first P carry the tag <c>bench-push</c>.</summary>
    internal const string GenerateMembers = """
        INSERT INTO members_members (id, member_code, status, gender, line_user_id, friend_status, created_at, name)
        SELECT gen_random_uuid(), 'B' || lpad(i::text, 8, '0'), 1, 0, 'U' || md5('bench' || i), 1, now(), '會員' || i
        FROM generate_series(1, @n) i;
        INSERT INTO tags_definitions (id, name, normalized_name, colour, kind, archived, created_at, updated_at)
        VALUES (gen_random_uuid(), 'bench-push', 'bench-push', '#000000', 0, false, now(), now());
        INSERT INTO tags_assignments (id, member_id, tag_id, added_at, added_by_kind, added_by)
        SELECT gen_random_uuid(), m.id, t.id, now(), 0, 'benchmark'
        FROM members_members m CROSS JOIN tags_definitions t
        WHERE t.normalized_name = 'bench-push' AND m.member_code <= 'B' || lpad(@p::text, 8, '0');
        ANALYZE members_members; ANALYZE tags_assignments;
        """;
}
