using Membership.Contracts.Audit;
using Membership.Contracts.Conversations;
using Membership.Conversations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conversations.Retention;

/// <summary>The Owner's retention period for message content: read by the nightly purge, changed with an audit record.</summary>
internal sealed class RetentionSettings(IDbContextFactory<ConversationsDbContext> dbFactory, IAuditTrail audit, TimeProvider clock)
{
    public const int MinDays = 30;
    public const int MaxDays = 3650;

    public async Task<int?> GetDaysAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Settings.Where(s => s.Id == 1).Select(s => s.RetentionDays).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ConversationError>> SetDaysAsync(int? days, string by, CancellationToken ct)
    {
        if (days is < MinDays or > MaxDays)
        {
            return [new("retentionDays", $"保存期限為 {MinDays} 到 {MaxDays} 天，或留空表示不刪除。")];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Id == 1, ct) ?? db.Settings.Add(new ConversationSettingsRow()).Entity;
        (row.RetentionDays, row.UpdatedBy, row.UpdatedAt) = (days, by, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord("conversations.retention-changed", "conversations", "retention", days is null ? "keep" : $"{days} days"), ct);
        return [];
    }
}
