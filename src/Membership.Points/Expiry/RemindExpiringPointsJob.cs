using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Points.Earning;
using Membership.Points.Ledger;
using Membership.Points.Line;
using Membership.Points.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Points.Expiry;

/// <summary>
/// Daily: a push to LINE friends whose points expire within 30 days, once per member and expiry date (the last day their
/// earliest such lot can be used). The reminder row is written before the push; its retry key is fixed by member and date,
/// so a retried run never pushes twice. Off when the Owner turned reminders off; blocked friends get nothing.
/// </summary>
internal sealed class RemindExpiringPointsJob(
    IDbContextFactory<PointsDbContext> dbFactory, EarnRulesStore earnRules, IMembersModule members, ILineMessagingClient line, TimeProvider clock)
{
    private const string PlanSql = """
        INSERT INTO points_expiry_reminders (member_id, expires_on, points, created_at)
        SELECT member_id, ((min(expires_at) AT TIME ZONE 'Asia/Taipei') - interval '1 day')::date, sum(remaining), @now
        FROM points_lots WHERE remaining > 0 AND expires_at > @now AND expires_at <= @soon
        GROUP BY member_id
        ON CONFLICT (member_id, expires_on) DO NOTHING
        """;

    /// <returns>How many reminders were pushed.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!(await earnRules.GetAsync(ct)).ExpiryReminderEnabled)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using (var plan = LedgerSql.Command(db, PlanSql))
        {
            plan.Parameters.Add(new NpgsqlParameter("now", now));
            plan.Parameters.Add(new NpgsqlParameter("soon", now + PointsQueries.ExpiringWindow));
            await plan.ExecuteNonQueryAsync(ct);
        }

        var pushed = 0;
        var due = await db.ExpiryReminders.Where(r => r.SentAt == null).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        foreach (var reminder in due)
        {
            var member = await members.GetAsync(reminder.MemberId, ct);
            if (member is { LineUserId: { } lineUserId, FriendStatus: FriendStatus.Friend })
            {
                var text = PointsTexts.ExpiryReminder(member.Language, reminder.Points, reminder.ExpiresOn);
                await line.PushAsync(new PushMessageRequest(lineUserId, [new TextMessage(text)]), RetryKeys.For($"{reminder.MemberId:N}:expiry:{reminder.ExpiresOn:yyyyMMdd}"), ct);
                pushed++;
            }

            reminder.SentAt = now;
            await db.SaveChangesAsync(ct);
        }

        return pushed;
    }
}
