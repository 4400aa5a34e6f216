using System.Globalization;
using Membership.Benchmarks.Automation;
using Membership.Benchmarks.Broadcast;
using Membership.Benchmarks.Conversations;
using Membership.Benchmarks.Members;
using Membership.Benchmarks.Purchases;
using Membership.Benchmarks.Segmentation;
using Membership.Benchmarks.Webhook;

namespace Membership.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Membership.Benchmarks -- &lt;benchmark&gt; [options]</c>. Prints figures and
/// writes them to <c>results/</c>; it judges nothing (targets are for the reader).
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: dotnet run -c Release --project tests/Membership.Benchmarks -- <benchmark> [options]

          webhook   LINE webhook ingest: signed bodies over loopback HTTP into the inbox
                    --seconds N       measured seconds per body size (default 20)
                    --concurrency N   concurrent requests (default 32)
                    --warmup N        warm-up seconds before each run, not counted (default 3)
                    --sizes 1,20      events per body, one run each (default 1,20; 0 = LINE's verify call, no database)
                    --redeliver N     already-accepted bodies posted again (default 1000)

          members-search  member search through IMemberDirectory.SearchAsync (the console's path), per kind of text
          members-import  CSV import of generated rows into a copy of the members database: preview and import rows/s
          members-api     GET /api/v1/members/{code} and ?mobile= over loopback HTTP with an API key
                    --members N       members in the database bench_members_N, seeded once and reused (default 1000000)
                    --reseed true     drop and seed that database again
                    --queries N       search: texts per kind (default 200); --warmup N: not counted (default 20)
                    --rows N          import: rows in the CSV (default 100000)
                    --seconds N       api: measured seconds per route (default 20); --concurrency N (default 16)
          purchases POS purchases with earn, then an earn/redeem mix, over loopback HTTP; then a ledger audit of every member
                    --seconds N       measured seconds per phase (default 20)
                    --concurrency N   concurrent clients (default 50)
                    --warmup N        warm-up seconds, not counted (default 3)
                    --members N       demo members seeded (default 10000)
                    --redeem N        percent of redemptions in the mix (default 50)
          segmentation  RFM + NES scoring next to a bare GROUP BY over the same purchases, then segment counts
                    for five typical definitions (members from bench_members_N, copied; ~10 purchases each generated)
                    --members N       members (default 1000000); --reseed true: seed the members again
                    --queries N       counts per definition (default 30); --warmup N: not counted (default 3)
                    --keep true       keep the copy with its purchases (bench_members_N_segmentation) for EXPLAIN
                    --reuse true      run on that kept copy (no new purchases; it is kept again)
          broadcast  campaign dispatch against the LINE emulator's limits: identical content by multicast, then personalised
                    content by push; freeze time, recipients/s against the ceiling, and an audit of what the emulator holds
                    --recipients N    LINE friends generated, all sent the multicast campaign (default 1000000)
                    --push N          of them, sent the personalised push campaign (default 100000)
                    --floor N         multicasts of 500 a bare client posts to the emulator first (default 1000)
          automation  N members moving E0 → S1 in one scoring run enter a journey whose first step pushes a message: time
                    to all runs and all first messages, steps/s, the emulator's audit of the journey; then keyword
                    messages at a fixed rate through signed webhooks: webhook arrival → reply call p50 / p99
                    --members N       LINE friends generated, all entering the journey (default 10000)
                    --rate N          keyword messages per second (default 200); --seconds N: for how long (default 20)
          conversations  customer messages at a fixed rate through signed webhooks: webhook arrival → the change every open
                    console hears (NOTIFY) p50 / p99, lost and duplicated; then the inbox's list and search with N
                    conversations and M messages (generated), next to bare queries
                    --rate N          messages per second (default 200); --seconds N: for how long (default 60)
                    --conversations N (default 100000); --messages N (default 2000000); --queries N per query (default 50)

        PostgreSQL: MEMBERSHIP_TEST_PG (a server whose user may create databases), else scripts/postgres.sh's server.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var options = Options.Parse(args.Skip(1));
            switch (args[0])
            {
                case "webhook":
                    await new WebhookBenchmark(new WebhookSettings(
                        Seconds: options.Int("seconds", 20),
                        Concurrency: options.Int("concurrency", 32),
                        WarmupSeconds: options.Int("warmup", 3),
                        EventsPerBody: options.IntList("sizes", [1, 20]),
                        Redeliveries: options.Int("redeliver", 1000))).RunAsync();
                    return 0;
                case "members-search":
                    await new MembersSearchBenchmark(MembersSettingsOf(options)).RunAsync();
                    return 0;
                case "members-import":
                    await new MembersImportBenchmark(MembersSettingsOf(options), options.Int("rows", 100_000)).RunAsync();
                    return 0;
                case "members-api":
                    await new MembersApiBenchmark(MembersSettingsOf(options), options.Int("seconds", 20), options.Int("concurrency", 16)).RunAsync();
                    return 0;
                case "purchases":
                    await new PurchasesBenchmark(new PurchasesSettings(
                        Seconds: options.Int("seconds", 20),
                        Concurrency: options.Int("concurrency", 50),
                        WarmupSeconds: options.Int("warmup", 3),
                        Members: options.Int("members", 10_000),
                        RedeemPercent: Math.Min(100, options.Int("redeem", 50)))).RunAsync();
                    return 0;
                case "segmentation":
                    await new SegmentationBenchmark(new SegmentationSettings(
                        Members: options.Int("members", 1_000_000),
                        Reseed: options.Flag("reseed"),
                        Queries: options.Int("queries", 30),
                        Warmup: options.Int("warmup", 3),
                        Keep: options.Flag("keep"),
                        Reuse: options.Flag("reuse"))).RunAsync();
                    return 0;
                case "broadcast":
                    await new BroadcastBenchmark(new BroadcastBenchSettings(
                        Recipients: options.Int("recipients", 1_000_000),
                        PushRecipients: options.Int("push", 100_000),
                        FloorRequests: options.Int("floor", 1000))).RunAsync();
                    return 0;
                case "automation":
                    await new AutomationBenchmark(new AutomationBenchSettings(
                        Members: options.Int("members", 10_000),
                        Rate: options.Int("rate", 200),
                        Seconds: options.Int("seconds", 20))).RunAsync();
                    return 0;
                case "conversations":
                    await new ConversationsBenchmark(new ConversationsBenchSettings(
                        Rate: options.Int("rate", 200),
                        Seconds: options.Int("seconds", 60),
                        Conversations: options.Int("conversations", 100_000),
                        Messages: options.Int("messages", 2_000_000),
                        Queries: options.Int("queries", 50))).RunAsync();
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown benchmark '{args[0]}'\n\n{Usage}");
                    return 2;
            }
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"{ex.Message}\n\n{Usage}");
            return 2;
        }
    }

    private static MembersSettings MembersSettingsOf(Options options) => new(
        Members: options.Int("members", 1_000_000),
        Reseed: options.Flag("reseed"),
        Queries: options.Int("queries", 200),
        Warmup: options.Int("warmup", 20),
        PageSize: 25);

    /// <summary><c>--name value</c> pairs.</summary>
    private sealed class Options(Dictionary<string, string> values)
    {
        public static Options Parse(IEnumerable<string> args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            using var e = args.GetEnumerator();
            while (e.MoveNext())
            {
                var name = e.Current;
                if (name.Length < 3 || !name.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
                {
                    throw new ArgumentException($"expected '--name value', got '{name}'");
                }

                values[name[2..]] = e.Current;
            }

            return new Options(values);
        }

        public bool Flag(string name) => values.TryGetValue(name, out var text) && (bool.TryParse(text, out var flag)
            ? flag : throw new ArgumentException($"--{name} takes true or false"));

        public int Int(string name, int fallback) => IntList(name, [fallback]) is [var one] ? one
            : throw new ArgumentException($"--{name} takes one number");

        public int[] IntList(string name, int[] fallback)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            var numbers = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && (v > 0 || name == "sizes") ? v
                    : throw new ArgumentException($"--{name}: '{n}' is not a number in range"))
                .ToArray();
            return numbers.Length > 0 ? numbers : throw new ArgumentException($"--{name} needs a value");
        }
    }
}
