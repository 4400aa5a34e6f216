using Membership.Broadcast.Persistence;
using Membership.Contracts.Broadcast;
using Microsoft.EntityFrameworkCore;

namespace Membership.Broadcast.Settings;

internal sealed class BroadcastSettingsStore(IDbContextFactory<BroadcastDbContext> contexts, TimeProvider clock)
{
    public async Task<BroadcastSettings> GetAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, ct);
        return row is null ? BroadcastSettings.Default : new BroadcastSettings(row.CapMessages, row.CapDays, row.QuietStart, row.QuietEnd);
    }

    public async Task<IReadOnlyList<BroadcastError>> SaveAsync(BroadcastSettings settings, string by, CancellationToken ct)
    {
        var errors = new List<BroadcastError>();
        if (settings.CapMessages is < 0 or > 100)
        {
            errors.Add(new("capMessages", "The cap is 0 (off) to 100 messages."));
        }

        if (settings.CapDays is < 1 or > 90)
        {
            errors.Add(new("capDays", "The cap counts over 1 to 90 days."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Settings.SingleOrDefaultAsync(s => s.Id == 1, ct);
        if (row is null)
        {
            row = new SettingsRow { Id = 1 };
            db.Settings.Add(row);
        }

        (row.CapMessages, row.CapDays, row.QuietStart, row.QuietEnd) = (settings.CapMessages, settings.CapDays, settings.QuietStart, settings.QuietEnd);
        (row.UpdatedAt, row.UpdatedBy) = (clock.GetUtcNow(), by);
        await db.SaveChangesAsync(ct);
        return errors;
    }
}
