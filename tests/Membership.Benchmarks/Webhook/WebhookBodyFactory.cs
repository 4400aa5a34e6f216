using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Membership.Benchmarks.Webhook;

/// <summary>A webhook body as LINE sends it: the raw bytes, their <c>x-line-signature</c>, and its event ids.</summary>
internal sealed record SignedBody(byte[] Body, string Signature, string[] EventIds);

/// <summary>
/// Realistic webhook bodies per webhook.yml (<c>CallbackRequest</c>): follow, text message and postback events from
/// a few hundred users, each with its own ULID-like <c>webhookEventId</c>, signed with the channel secret.
/// </summary>
internal sealed class WebhookBodyFactory(string channelSecret)
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Users = 500;

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Texts =
    [
        "你好，想問會員點數怎麼用？", "Hi! Is the shop open on Sunday?", "我要兌換生日禮 🎂", "謝謝", "OK",
        "Can I change my phone number on my membership card?", "請問最近有什麼優惠活動嗎？", "👍",
    ];

    private static readonly string[] Postbacks =
        ["action=coupon&id=42", "action=points", "action=register", "action=store&city=taipei", "richmenu=member-card"];

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(channelSecret);
    private readonly ushort _runNonce = (ushort)Random.Shared.Next(ushort.MaxValue);
    private readonly string _destination = "U" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string[] _users = [.. Enumerable.Range(0, Users).Select(_ => "U" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)))];
    private long _sequence;

    /// <summary><paramref name="count"/> bodies of <paramref name="eventsPerBody"/> events each, built in parallel.</summary>
    public SignedBody[] Build(int count, int eventsPerBody)
    {
        var bodies = new SignedBody[count];
        Parallel.For(0, count, i => bodies[i] = Build(eventsPerBody));
        return bodies;
    }

    public SignedBody Build(int eventsPerBody)
    {
        var ids = new string[eventsPerBody];
        var buffer = new ArrayBufferWriter<byte>(100 + (600 * eventsPerBody));
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            json.WriteStartObject();
            json.WriteString("destination", _destination);
            json.WriteStartArray("events");
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < eventsPerBody; i++)
            {
                ids[i] = NextEventId(now);
                WriteEvent(json, ids[i], now - (eventsPerBody - i) * 7);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var body = buffer.WrittenSpan.ToArray();
        return new SignedBody(body, Convert.ToBase64String(HMACSHA256.HashData(_secret, body)), ids);
    }

    private void WriteEvent(Utf8JsonWriter json, string id, long timestamp)
    {
        var roll = Random.Shared.Next(100);
        var type = roll < 10 ? "follow" : roll < 80 ? "message" : "postback";
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("mode", "active");
        json.WriteNumber("timestamp", timestamp);
        json.WriteStartObject("source");
        json.WriteString("type", "user");
        json.WriteString("userId", _users[Random.Shared.Next(Users)]);
        json.WriteEndObject();
        json.WriteString("webhookEventId", id);
        json.WriteStartObject("deliveryContext");
        json.WriteBoolean("isRedelivery", false);
        json.WriteEndObject();
        json.WriteString("replyToken", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        switch (type)
        {
            case "follow":
                json.WriteStartObject("follow");
                json.WriteBoolean("isUnblocked", Random.Shared.Next(5) == 0);
                json.WriteEndObject();
                break;
            case "message":
                json.WriteStartObject("message");
                json.WriteString("id", Random.Shared.NextInt64(100_000_000_000_000_000, 999_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("type", "text");
                json.WriteString("quoteToken", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
                json.WriteString("text", Texts[Random.Shared.Next(Texts.Length)]);
                json.WriteEndObject();
                break;
            default:
                json.WriteStartObject("postback");
                json.WriteString("data", Postbacks[Random.Shared.Next(Postbacks.Length)]);
                json.WriteEndObject();
                break;
        }

        json.WriteEndObject();
    }

    /// <summary>26 Crockford base-32 characters: 48 bits of milliseconds, 16 of this run, 64 of a sequence (never repeats).</summary>
    private string NextEventId(long unixMilliseconds)
    {
        var value = ((UInt128)(ulong)unixMilliseconds << 80) | ((UInt128)_runNonce << 64) | (ulong)Interlocked.Increment(ref _sequence);
        return string.Create(26, value, static (chars, v) =>
        {
            for (var i = chars.Length - 1; i >= 0; i--)
            {
                chars[i] = Crockford[(int)(v & 31)];
                v >>= 5;
            }
        });
    }
}
