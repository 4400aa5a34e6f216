using Membership.Contracts.Audit;
using Membership.Contracts.Line;
using Membership.Line.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Line.Greeting;

internal sealed class LineChannelSettings(IDbContextFactory<LineDbContext> dbFactory, IAuditTrail audit, TimeProvider clock)
    : ILineChannelSettings
{
    public const string GreetingKey = "greeting";

    public const string DefaultGreeting = """
        歡迎加入好友！🎉
        只要一分鐘完成會員註冊，就能開始集點、領取會員專屬優惠：
        {registerUrl}
        """;

    /// <summary>LINE's limit for a text message.</summary>
    public const int MaxLength = 5000;

    public async Task<string> GetGreetingAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setting = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == GreetingKey, ct);
        return setting?.Value ?? DefaultGreeting;
    }

    public async Task SetGreetingAsync(string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            throw new ArgumentException($"The greeting must have 1 to {MaxLength} characters.", nameof(text));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == GreetingKey, ct);
        if (setting is null)
        {
            db.Settings.Add(new ChannelSetting { Key = GreetingKey, Value = text, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            setting.Value = text;
            setting.UpdatedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord("line.greeting-changed", "line-channel", GreetingKey, $"{text.Length} characters"), ct);
    }
}
