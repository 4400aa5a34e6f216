using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Benchmarks.Broadcast;
using Membership.Benchmarks.Infrastructure;
using Membership.Benchmarks.Members;
using Membership.Contracts.Automation;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Segmentation;
using Membership.Shared.Outbox;
using Membership.Testing.Line;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Benchmarks.Automation;

internal sealed record AutomationBenchSettings(int Members, int Rate, int Seconds);

/// <param name="EntrySeconds">From the scoring run's commit (its events in the outbox) to every member's run written.</param>
/// <param name="FirstMessagesSeconds">From the commit to every member's first message accepted by the emulator.</param>
internal sealed record JourneyFigures(
    int Members, double EntrySeconds, double FirstMessagesSeconds, int RunSteps, double StepsPerSecond, double MessagesPerSecond, double PushCeilingPerSecond,
    double MachineCpuMsPerMember, int EmulatorUsers, long EmulatorMessages, int DuplicatedUsers, int RetryKeys);

/// <param name="WebhookP50">The floor: emulator → app webhook round trip (signed POST answered 200 after the inbox insert).</param>
internal sealed record AutoReplyFigures(
    int Messages, double OfferedPerSecond, double SendSeconds, int Replied, double P50Ms, double P99Ms, double MaxMs, double WebhookP50, double WebhookP99,
    double MachineCpuMsPerMessage);

/// <summary>
/// Automation at scale against the LINE emulator enforcing LINE's limits. First N members move E0 → S1 in one scoring
/// run (its N events written to Segmentation's outbox in one transaction, as the scoring SQL writes them) and enter an
/// active win-back journey whose first step pushes a personalised message: the time until the last run exists and the
/// last first message is accepted, run steps per second, and the emulator's audit of the journey's aggregation unit
/// (every member once, none twice). The floor is a bare client pushing to the emulator. Then customers write a keyword
/// at a fixed rate through the emulator's signed webhooks: latency from the webhook's arrival (the inbox row) to the
/// emulator receiving the reply call, next to the webhook round trip itself.
/// </summary>
internal sealed class AutomationBenchmark(AutomationBenchSettings settings)
{
    private const string Hello = "hello";

    public async Task RunAsync()
    {
        var report = new MembersReport("automation", settings);
        report.Header($"automation: {settings.Members:N0} members entering a journey at once, then auto-replies at {settings.Rate}/s for {settings.Seconds} s");
        var emulator = new EmulatorServer
        {
            Settings = new Dictionary<string, string?>
            {
                ["Emulator:MonthlyQuota"] = "0",
                ["Logging:LogLevel:Default"] = "Warning",
                [Microsoft.AspNetCore.Hosting.WebHostDefaults.ContentRootKey] = Path.Combine(ProjectPaths.RepositoryRoot, "src", "Membership.LineEmulator"),
            },
        };
        await emulator.InitializeAsync();
        await using var database = await BenchmarkDatabase.CreateAsync();
        try
        {
            var overrides = new Dictionary<string, string?>(emulator.AppSettings)
            {
                ["Jobs:ServerEnabled"] = "false",
                ["Automation:ProcessorEnabled"] = "true",
                ["Line:Inbox:ProcessorEnabled"] = "true",
            };
            await using var app = AppHost.Start(database.ConnectionString, overrides);
            await emulator.SetWebhookAsync(new Uri(app.Address, "/line/webhook").ToString());
            var watch = Stopwatch.StartNew();
            await BroadcastBenchmark.ExecuteAsync(database.ConnectionString, BroadcastBenchmark.GenerateMembers, ("n", settings.Members), ("p", 0));
            await BroadcastBenchmark.CreateEmulatorUsersAsync(emulator, settings.Members);
            report.Line($"members: {settings.Members:N0} LINE friends generated (app and emulator) in {watch.Elapsed.TotalSeconds:F1} s");

            var floor = await BroadcastBenchmark.FloorAsync(emulator, "push", Math.Min(settings.Members, 10_000), 1);
            report.Add(floor);
            report.Line($"floor (bare client → emulator, {floor.Requests:N0} pushes): {floor.RecipientsPerSecond:N0} pushes/s " +
                        $"({floor.RecipientsPerSecond / 2_000:P0} of LINE's 2,000/s), {floor.MachineCpuMsPer1000 / 1000:F2} machine CPU ms per push");

            using var scope = app.Services.CreateScope();
            var broadcast = scope.ServiceProvider.GetRequiredService<IBroadcastModule>();
            await broadcast.SaveSettingsAsync(new BroadcastSettings(0, 7, new TimeOnly(0, 0), new TimeOnly(0, 0)), "benchmark"); // no cap, no quiet hours
            var automation = scope.ServiceProvider.GetRequiredService<IAutomationModule>();
            await JourneyAsync(report, automation, emulator, database.ConnectionString, floor.RecipientsPerSecond);
            await AutoRepliesAsync(report, automation, emulator, database.ConnectionString);
            report.Line($"figures: {await report.WriteJsonAsync()}");
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private async Task JourneyAsync(MembersReport report, IAutomationModule automation, EmulatorServer emulator, string connectionString, double ceiling)
    {
        var saved = await automation.SaveJourneyAsync(new SaveJourneyRequest(
            null, "喚回（基準測試）", null, new JourneyTrigger(JourneyTriggerKind.NesChanged, "E0", "S1"),
            [
                new JourneyStep(Hello, JourneyStepKind.SendMessages, Messages: [Text("{{ name | default: \"親愛的會員\" }}，好久不見！本週回來消費點數加倍")]),
                new JourneyStep("wait-7d", JourneyStepKind.Wait, Wait: TimeSpan.FromDays(7)),
                new JourneyStep("reminder", JourneyStepKind.SendMessages, Messages: [Text("點數加倍只到週日喔")]),
            ],
            new JourneyExitRules(OnPurchase: true), 30, 0, "benchmark"));
        var journeyId = saved.Id ?? throw new InvalidOperationException(string.Join("; ", saved.Errors.Select(e => $"{e.Path}: {e.Message}")));
        if ((await automation.ActivateJourneyAsync(journeyId, "benchmark")).Change != JourneyStatusChange.Changed)
        {
            throw new InvalidOperationException("the journey did not activate");
        }

        var cpu = MachineCpu.BusySeconds();
        var committed = await WriteScoringEventsAsync(connectionString, settings.Members);
        var watch = Stopwatch.StartNew();
        double? entry = null;
        (long Runs, long HelloDone, long Steps) counts;
        do
        {
            await Task.Delay(250);
            counts = await CountsAsync(connectionString, journeyId);
            if (entry is null && counts.Runs >= settings.Members)
            {
                entry = watch.Elapsed.TotalSeconds;
            }
        }
        while (counts.HelloDone < settings.Members && watch.Elapsed < TimeSpan.FromMinutes(15));

        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = MachineCpu.BusySeconds() - cpu;
        var unit = $"j{journeyId:N}"[..30];
        var audit = (await emulator.Http.GetFromJsonAsync<JsonObject>($"/_emulator/audit?unit={unit}"))!;
        var figures = new JourneyFigures(
            settings.Members, entry ?? double.NaN, seconds, (int)counts.Steps, counts.Steps / seconds, counts.HelloDone / seconds, ceiling,
            cpuSeconds * 1000 / settings.Members, (int)audit["users"]!, (long)audit["messages"]!, (int)audit["duplicatedUsers"]!, (int)audit["retryKeys"]!);
        report.Add(figures);
        report.Line($"journey: {settings.Members:N0} E0 → S1 events committed at {committed:HH:mm:ss}; all runs entered after {figures.EntrySeconds:F1} s; " +
                    $"{counts.HelloDone:N0} first messages sent after {seconds:F1} s = {figures.MessagesPerSecond:N0}/s " +
                    $"({figures.MessagesPerSecond / ceiling:P0} of the bare client's {ceiling:N0}/s); {counts.Steps:N0} run steps = {figures.StepsPerSecond:N0} steps/s; " +
                    $"{figures.MachineCpuMsPerMember:F1} machine CPU ms per member");
        report.Line($"  audit: the emulator holds {figures.EmulatorUsers:N0} users ({figures.EmulatorMessages:N0} messages) under {unit}, " +
                    $"{figures.DuplicatedUsers:N0} got it twice, delivered by {figures.RetryKeys:N0} retry keys");
    }

    private async Task AutoRepliesAsync(MembersReport report, IAutomationModule automation, EmulatorServer emulator, string connectionString)
    {
        var rule = await automation.SaveAutoReplyAsync(new SaveAutoReplyRequest(
            null, "營業時間", AutoReplySource.Text, ["營業時間", "幾點開"], KeywordMatchMode.Contains, 10, true, null,
            [Text("{{ name | default: \"您好\" }}，我們每天 11:00-21:00 營業")], null, "benchmark"));
        if (!rule.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", rule.Errors.Select(e => $"{e.Path}: {e.Message}")));
        }

        var total = Math.Min(settings.Members, settings.Rate * settings.Seconds);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = emulator.BaseAddress };
        var webhook = new LatencyHistogram();
        var eventIds = new string[total];
        var cpu = MachineCpu.BusySeconds();
        var watch = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / settings.Rate);
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed);
            }

            var index = i;
            sends.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync($"/_emulator/users/{BroadcastBenchmark.UserId(index + 1)}/events", new { type = "message", text = "請問營業時間?" });
                response.EnsureSuccessStatusCode();
                webhook.Record(Stopwatch.GetTimestamp() - started);
                eventIds[index] = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["webhookEventId"]!;
            }));
        }

        await Task.WhenAll(sends);
        var sendSeconds = watch.Elapsed.TotalSeconds;
        while (await ScalarAsync(connectionString, "SELECT count(*) FROM automation_reply_log") < total && watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(250);
        }

        var cpuSeconds = MachineCpu.BusySeconds() - cpu;
        var received = await InboxArrivalsAsync(connectionString);
        var latencies = new List<double>(total);
        await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var messages = (await http.GetFromJsonAsync<JsonArray>($"/_emulator/users/{BroadcastBenchmark.UserId(i + 1)}/messages", ct))!;
            var reply = messages.FirstOrDefault(m => (string?)m!["endpoint"] == "reply");
            if (reply is not null && received.TryGetValue(eventIds[i], out var arrived))
            {
                var at = DateTimeOffset.Parse((string)reply["receivedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
                lock (latencies)
                {
                    latencies.Add((at - arrived).TotalMilliseconds);
                }
            }
        });

        latencies.Sort();
        double P(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * p / 100) - 1)];
        var figures = new AutoReplyFigures(
            total, total / sendSeconds, sendSeconds, latencies.Count, P(50), P(99), latencies.Count == 0 ? double.NaN : latencies[^1],
            webhook.Percentile(50), webhook.Percentile(99), cpuSeconds * 1000 / total);
        report.Add(figures);
        report.Line($"auto-replies: {total:N0} keyword messages offered at {figures.OfferedPerSecond:N0}/s over {sendSeconds:F1} s; {latencies.Count:N0} answered by reply; " +
                    $"webhook arrival → reply call p50 {figures.P50Ms:F0} ms, p99 {figures.P99Ms:F0} ms, max {figures.MaxMs:F0} ms; " +
                    $"floor: the webhook round trip p50 {figures.WebhookP50:F0} ms, p99 {figures.WebhookP99:F0} ms; {figures.MachineCpuMsPerMessage:F1} machine CPU ms per message");
    }

    /// <summary>What a scoring run commits for members moving E0 → S1: one <see cref="MemberNesStateChanged"/> per member in Segmentation's outbox, in one transaction.</summary>
    private static async Task<DateTimeOffset> WriteScoringEventsAsync(string connectionString, int members)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var ids = new List<Guid>();
        await using (var select = new NpgsqlCommand("SELECT id FROM members_members ORDER BY member_code", connection))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var run = Guid.NewGuid();
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTimeOffset.UtcNow;
        var messages = ids.Take(members).Select(id => OutboxMessage.For(new MemberNesStateChanged(id, "E0", "S1", run, asOf), now)).ToList();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO segmentation_outbox_messages (id, type, payload, occurred_at, attempts)
            SELECT id, type, payload::jsonb, @at, 0 FROM unnest(@ids, @types, @payloads) AS m(id, type, payload)
            """, connection);
        insert.Parameters.AddWithValue("ids", messages.Select(m => m.Id).ToArray());
        insert.Parameters.AddWithValue("types", messages.Select(m => m.Type).ToArray());
        insert.Parameters.AddWithValue("payloads", messages.Select(m => m.Payload).ToArray());
        insert.Parameters.AddWithValue("at", now);
        await insert.ExecuteNonQueryAsync();
        return DateTimeOffset.UtcNow;
    }

    private static async Task<(long Runs, long HelloDone, long Steps)> CountsAsync(string connectionString, Guid journeyId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM automation_runs WHERE journey_id = @j),
                   count(*) FILTER (WHERE s.step_id = @hello AND s.status = 1),
                   count(*)
            FROM automation_run_steps s JOIN automation_runs r ON r.id = s.run_id WHERE r.journey_id = @j
            """, connection);
        command.Parameters.AddWithValue("j", journeyId);
        command.Parameters.AddWithValue("hello", Hello);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<Dictionary<string, DateTimeOffset>> InboxArrivalsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT webhook_event_id, received_at FROM line_inbox_events WHERE event_type = 'message'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var arrivals = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            arrivals[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return arrivals;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JsonElement Text(string text) => JsonSerializer.SerializeToElement(new { type = "text", text });
}
