using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Benchmarks.Broadcast;
using Membership.Benchmarks.Infrastructure;
using Membership.Benchmarks.Members;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Testing.Line;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Benchmarks.Conversations;

internal sealed record ConversationsBenchSettings(int Rate, int Seconds, int Conversations, int Messages, int Queries);

/// <param name="P50Ms">Webhook arrival (the inbox row) → the conversation's change raised in the app (PostgreSQL NOTIFY heard).</param>
/// <param name="WebhookP50">The floor: emulator → app webhook round trip (answered after the inbox insert).</param>
internal sealed record LiveFigures(
    int Offered, double OfferedPerSecond, int Stored, int Lost, int Duplicated, int Seen, double P50Ms, double P99Ms, double MaxMs,
    double WebhookP50, double WebhookP99, double MachineCpuMsPerMessage);

internal sealed record QueryFigures(string Query, int Runs, double P50Ms, double P95Ms, double MaxMs, int Found);

/// <summary>
/// The staff inbox under load. Live: customers write at a fixed rate through the emulator's signed webhooks; latency from
/// the webhook's arrival to the app raising the conversation's change (what makes every open console reload), lost and
/// duplicated messages counted. Scale: then conversations and messages are generated up to the given totals, and the
/// inbox's list and search queries (through <see cref="IConversationsModule"/>, as the console calls them) are timed next
/// to bare queries over the same tables.
/// </summary>
internal sealed class ConversationsBenchmark(ConversationsBenchSettings settings)
{
    private static readonly string[] Phrases =
    [
        "請問今天有營業嗎", "我想改訂單", "請問停車場在哪裡", "可以外送嗎", "會員點數怎麼查", "優惠券不能用", "謝謝你們", "餐點很好吃",
        "請問有素食嗎", "我要訂位兩位", "發票可以開統編嗎", "生日優惠怎麼領", "門市電話多少", "包裹還沒收到", "想退貨", "請問有停車位嗎",
    ];

    public async Task RunAsync()
    {
        var report = new MembersReport("conversations", settings);
        report.Header($"conversations: {settings.Rate}/s customer messages for {settings.Seconds} s, then the inbox with {settings.Conversations:N0} conversations / {settings.Messages:N0} messages");
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
                ["Line:Inbox:ProcessorEnabled"] = "true",
            };
            await using var app = AppHost.Start(database.ConnectionString, overrides);
            await emulator.SetWebhookAsync(new Uri(app.Address, "/line/webhook").ToString());
            var customers = settings.Rate * settings.Seconds;
            await BroadcastBenchmark.ExecuteAsync(database.ConnectionString, BroadcastBenchmark.GenerateMembers, ("n", customers), ("p", 0));
            await BroadcastBenchmark.CreateEmulatorUsersAsync(emulator, customers);

            var conversations = app.Services.GetRequiredService<IConversationsModule>();
            await LiveAsync(report, conversations, emulator, database.ConnectionString, customers);
            await ScaleAsync(report, app.Services, database.ConnectionString);
            report.Line($"figures: {await report.WriteJsonAsync()}");
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private async Task LiveAsync(MembersReport report, IConversationsModule conversations, EmulatorServer emulator, string connectionString, int total)
    {
        var seen = new ConcurrentDictionary<Guid, DateTimeOffset>();
        void OnChanged(Guid id) => seen.TryAdd(id, DateTimeOffset.UtcNow);
        conversations.Changed += OnChanged;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = emulator.BaseAddress };
        var webhook = new LatencyHistogram();
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
                using var response = await http.PostAsJsonAsync($"/_emulator/users/{BroadcastBenchmark.UserId(index + 1)}/events",
                    new { type = "message", text = Phrases[index % Phrases.Length] + $" #{index}" });
                response.EnsureSuccessStatusCode();
                webhook.Record(Stopwatch.GetTimestamp() - started);
            }));
        }

        await Task.WhenAll(sends);
        var sendSeconds = watch.Elapsed.TotalSeconds;
        while (await ScalarAsync(connectionString, "SELECT count(*) FROM conversations_messages WHERE direction = 0") < total && watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(250);
        }

        await Task.Delay(1000); // the last notifications
        conversations.Changed -= OnChanged;
        var cpuSeconds = MachineCpu.BusySeconds() - cpu;
        var stored = (int)await ScalarAsync(connectionString, "SELECT count(*) FROM conversations_messages WHERE direction = 0");
        var distinct = (int)await ScalarAsync(connectionString, "SELECT count(DISTINCT webhook_event_id) FROM conversations_messages WHERE direction = 0");
        var latencies = new List<double>(total);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT c.id, i.received_at FROM conversations_conversations c
                JOIN conversations_messages m ON m.conversation_id = c.id AND m.direction = 0
                JOIN line_inbox_events i ON i.webhook_event_id = m.webhook_event_id
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (seen.TryGetValue(reader.GetGuid(0), out var at))
                {
                    latencies.Add((at - reader.GetFieldValue<DateTimeOffset>(1)).TotalMilliseconds);
                }
            }
        }

        latencies.Sort();
        double P(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * p / 100) - 1)];
        var figures = new LiveFigures(
            total, total / sendSeconds, stored, total - distinct, stored - distinct, latencies.Count, P(50), P(99), latencies.Count == 0 ? double.NaN : latencies[^1],
            webhook.Percentile(50), webhook.Percentile(99), cpuSeconds * 1000 / total);
        report.Add(figures);
        report.Line($"live: {total:N0} messages offered at {figures.OfferedPerSecond:N0}/s over {sendSeconds:F1} s; {stored:N0} kept, {figures.Lost} lost, {figures.Duplicated} twice; " +
                    $"webhook arrival → change heard by the console p50 {figures.P50Ms:F0} ms, p99 {figures.P99Ms:F0} ms, max {figures.MaxMs:F0} ms ({latencies.Count:N0} seen); " +
                    $"floor: the webhook round trip p50 {figures.WebhookP50:F0} ms, p99 {figures.WebhookP99:F0} ms; {figures.MachineCpuMsPerMessage:F1} machine CPU ms per message");
    }

    private async Task ScaleAsync(MembersReport report, IServiceProvider services, string connectionString)
    {
        var watch = Stopwatch.StartNew();
        await BroadcastBenchmark.ExecuteAsync(connectionString, GenerateInbox, ("c", settings.Conversations), ("m", settings.Messages), ("phrases", Phrases));
        report.Line($"scale: generated up to {settings.Conversations:N0} conversations and {settings.Messages:N0} messages (with their indexes, ANALYZE) in {watch.Elapsed.TotalSeconds:F0} s");

        using var scope = services.CreateScope();
        var conversations = scope.ServiceProvider.GetRequiredService<IConversationsModule>();
        var page = new PageRequest(1, 100);
        (string Name, Func<Task<int>> Run)[] queries =
        [
            ("bare: SELECT 1", () => BareAsync(connectionString, "SELECT 1")),
            ("bare: 100 newest conversations by index", () => BareAsync(connectionString, "SELECT count(*) FROM (SELECT id FROM conversations_conversations ORDER BY status, waiting_since, last_message_at DESC LIMIT 100) x")),
            ("inbox: all, oldest waiting first", async () => (await conversations.ListAsync(new ConversationQuery(), page)).Items.Count),
            ("inbox: open", async () => (await conversations.ListAsync(new ConversationQuery(Status: ConversationStatus.Open), page)).Items.Count),
            ("inbox: mine", async () => (await conversations.ListAsync(new ConversationQuery(ConversationView.Mine, Staff: "staff3@bench"), page)).Items.Count),
            ("search: message text 停車場", async () => (await conversations.ListAsync(new ConversationQuery(Search: "停車場"), page)).Items.Count),
            ("search: rare text #12345", async () => (await conversations.ListAsync(new ConversationQuery(Search: "#12345 "), page)).Items.Count),
            ("search: member name 會員1234", async () => (await conversations.ListAsync(new ConversationQuery(Search: "會員1234"), page)).Items.Count),
            ("search: two characters 外送", async () => (await conversations.ListAsync(new ConversationQuery(Search: "外送"), page)).Items.Count),
            ("thread: last 200 messages", async () => (await conversations.ListMessagesAsync(await AnyConversationAsync(connectionString))).Count),
        ];
        foreach (var (name, run) in queries)
        {
            for (var i = 0; i < 3; i++)
            {
                await run(); // warm-up
            }

            var times = new List<double>(settings.Queries);
            var found = 0;
            for (var i = 0; i < settings.Queries; i++)
            {
                var started = Stopwatch.GetTimestamp();
                found = await run();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            times.Sort();
            var figures = new QueryFigures(name, settings.Queries, times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)], times[^1], found);
            report.Add(figures);
            report.Line($"  {name,-44} p50 {figures.P50Ms,7:F1} ms  p95 {figures.P95Ms,7:F1} ms  max {figures.MaxMs,7:F1} ms  ({found} rows)");
        }
    }

    private static Guid? _anyConversation;

    private static async Task<Guid> AnyConversationAsync(string connectionString)
    {
        if (_anyConversation is { } known)
        {
            return known;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT conversation_id FROM conversations_messages GROUP BY conversation_id ORDER BY count(*) DESC LIMIT 1", connection);
        return (_anyConversation = (Guid)(await command.ExecuteScalarAsync())!).Value;
    }

    private static async Task<int> BareAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Conversations of LINE users who are not members (the names are LINE names), a third waiting, some assigned; messages
    /// spread over them (customers' phrases with a number, staff answers), over the last 90 days.
    /// </summary>
    private const string GenerateInbox = """
        INSERT INTO conversations_conversations (id, line_user_id, display_name, status, mode, assigned_to, created_at, last_message_at, waiting_since, unread, reply_token_used)
        SELECT gen_random_uuid(), 'Ugen' || lpad(i::text, 29, '0'), 'LINE 使用者 ' || i, i % 3, i % 2, CASE WHEN i % 4 = 0 THEN 'staff' || (i % 7) || '@bench' END,
               now() - interval '90 days', now() - (i % 129600) * interval '1 minute', CASE WHEN i % 3 = 0 THEN now() - (i % 600) * interval '1 minute' END, i % 3, true
        FROM generate_series(1, greatest(0, @c - (SELECT count(*) FROM conversations_conversations))) i;
        -- The secondary indexes of the messages (the trigram GIN above all) are built once after the load, not row by row.
        SET maintenance_work_mem = '256MB';
        CREATE TEMP TABLE bench_indexes ON COMMIT DROP AS
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = 'conversations_messages' AND i.indexname <> 'pk_conversations_messages';
        DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT indexname FROM bench_indexes LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP;
        END $$;
        -- The conversation of message i by a hash join on its number (an expression of i alone: the total is a constant).
        WITH c AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM conversations_conversations),
        total AS MATERIALIZED (SELECT count(*) AS n FROM conversations_conversations)
        INSERT INTO conversations_messages (id, conversation_id, direction, sender, type, text, content_json, state, at)
        SELECT gen_random_uuid(), c.id, i % 2, i % 2, 'text', t.text, jsonb_build_object('type', 'text', 'text', t.text), 1, now() - (i % 129600) * interval '1 minute'
        FROM generate_series(1, greatest(0, @m - (SELECT count(*) FROM conversations_messages))) i
        CROSS JOIN total
        JOIN c ON c.n = 1 + (hashint4(i::int) & 2147483647) % total.n
        CROSS JOIN LATERAL (SELECT CASE WHEN i % 2 = 0 THEN (@phrases)[1 + (i % array_length(@phrases, 1))::int] || ' #' || i ELSE '好的，已為您處理 #' || i END AS text) t;
        DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT indexdef FROM bench_indexes LOOP EXECUTE r.indexdef; END LOOP;
        END $$;
        ANALYZE conversations_conversations; ANALYZE conversations_messages;
        """;
}
