using Membership.Contracts.Audit;
using Membership.Contracts.Line;
using Membership.Line.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Line.Greeting;

internal sealed class LineChannelSettings(IDbContextFactory<LineDbContext> dbFactory, IAuditTrail audit, TimeProvider clock)
    : ILineChannelSettings
{
    public const string GreetingKey = "greeting";

    public const string NewsKey = "news";

    /// <summary>The default rich menu created by an Owner (see <c>RichMenu/DefaultRichMenu</c>).</summary>
    public const string RichMenuKey = "rich-menu-id";

    public const string DefaultGreeting = """
        歡迎加入好友！🎉
        只要一分鐘完成會員註冊，就能開始集點、領取會員專屬優惠：
        {registerUrl}
        """;

    /// <summary>For a LINE user whose language is English, while the Owner has not written a greeting of their own.</summary>
    public const string DefaultGreetingEnglish = """
        Thanks for adding us as a friend! 🎉
        Become a member in one minute to collect points and get members-only offers:
        {registerUrl}
        """;

    public const string DefaultNews = "目前沒有最新消息，敬請期待！";

    public const string DefaultNewsEnglish = "No news at the moment. Stay tuned!";

    /// <summary>LINE's limit for a text message.</summary>
    public const int MaxLength = 5000;

    public async Task<string> GetGreetingAsync(CancellationToken ct = default) => await GetAsync(GreetingKey, ct) ?? DefaultGreeting;

    /// <summary>The Owner's greeting as written; the built-in one in the user's language (English for <c>en…</c>).</summary>
    public async Task<string> GetGreetingAsync(string? lineLanguage, CancellationToken ct = default) =>
        await GetAsync(GreetingKey, ct) ?? (CustomerLanguage.IsEnglish(lineLanguage) ? DefaultGreetingEnglish : DefaultGreeting);

    public Task SetGreetingAsync(string text, CancellationToken ct = default) => SetTextAsync(GreetingKey, "line.greeting-changed", text, ct);

    public async Task<string> GetNewsAsync(CancellationToken ct = default) => await GetAsync(NewsKey, ct) ?? DefaultNews;

    public async Task<string> GetNewsAsync(string? lineLanguage, CancellationToken ct = default) =>
        await GetAsync(NewsKey, ct) ?? (CustomerLanguage.IsEnglish(lineLanguage) ? DefaultNewsEnglish : DefaultNews);

    public Task SetNewsAsync(string text, CancellationToken ct = default) => SetTextAsync(NewsKey, "line.news-changed", text, ct);

    public async Task<string?> GetAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setting = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        return setting?.Value;
    }

    public async Task SetAsync(string key, string value, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (setting is null)
        {
            db.Settings.Add(new ChannelSetting { Key = key, Value = value, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            setting.Value = value;
            setting.UpdatedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task SetTextAsync(string key, string auditAction, string text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            throw new ArgumentException($"The text must have 1 to {MaxLength} characters.", nameof(text));
        }

        await SetAsync(key, text, ct);
        await audit.RecordAsync(new AuditRecord(auditAction, "line-channel", key, $"{text.Length} characters"), ct);
    }
}
