using Membership.Automation.Persistence;
using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Microsoft.EntityFrameworkCore;

namespace Membership.Automation.Journeys;

/// <summary>
/// What journeys did: runs by status, the per-step funnel, conversions (a purchase within the attribution window after
/// the member's last message, or for the holdout the message they would have got), a member's runs and staff notifications.
/// </summary>
internal sealed class JourneyStats(IDbContextFactory<AutomationDbContext> dbFactory, JourneyStore store)
{
    public const int AttributionDays = 7;

    private const string RunCountsSql = """
        SELECT count(*)::int AS entered,
               (count(*) FILTER (WHERE status = 0))::int AS active,
               (count(*) FILTER (WHERE status = 1))::int AS completed,
               (count(*) FILTER (WHERE status = 2))::int AS exited,
               (count(*) FILTER (WHERE holdout))::int AS holdout
        FROM automation_runs WHERE journey_id = {0}
        """;

    private const string StepCountsSql = """
        SELECT s.step_id AS step_id, count(*)::int AS entered,
               (count(*) FILTER (WHERE s.status = 0))::int AS waiting,
               (count(*) FILTER (WHERE s.status IN (1, 2, 3)))::int AS done,
               (SELECT count(*)::int FROM automation_runs r WHERE r.journey_id = {0} AND r.status = 2 AND r.exit_step_id = s.step_id) AS exited
        FROM automation_run_steps s JOIN automation_runs r ON r.id = s.run_id
        WHERE r.journey_id = {0} GROUP BY s.step_id
        """;

    private const string ConversionSql = """
        SELECT r.holdout AS holdout, count(*)::int AS reached,
               (count(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM points_v_purchases p WHERE p.member_id = r.member_id
                   AND p.occurred_at > r.last_message_at AND p.occurred_at <= r.last_message_at + make_interval(days => {1}))))::int AS converted
        FROM automation_runs r WHERE r.journey_id = {0} AND r.last_message_at IS NOT NULL GROUP BY r.holdout
        """;

    public async Task<JourneyDetail?> GetAsync(Guid journeyId, CancellationToken ct)
    {
        if (await store.GetAsync(journeyId, ct) is not { } journey)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = (await db.Database.SqlQueryRaw<JourneyRunCounts>(RunCountsSql, journeyId).ToListAsync(ct)).Single();
        var steps = (await db.Database.SqlQueryRaw<StepCountRow>(StepCountsSql, journeyId).ToListAsync(ct)).ToDictionary(s => s.StepId);
        var conversion = (await db.Database.SqlQueryRaw<ConversionRow>(ConversionSql, journeyId, AttributionDays).ToListAsync(ct)).ToDictionary(c => c.Holdout);
        var treated = conversion.GetValueOrDefault(false);
        var holdout = conversion.GetValueOrDefault(true);
        return new JourneyDetail(
            journey, runs,
            journey.Steps.Select(s => steps.GetValueOrDefault(s.Id) is { } c
                ? new JourneyStepCounts(s.Id, s.Kind, c.Entered, c.Waiting, c.Done, c.Exited)
                : new JourneyStepCounts(s.Id, s.Kind, 0, 0, 0, 0)).ToList(),
            new JourneyConversion(AttributionDays, treated?.Reached ?? 0, treated?.Converted ?? 0, holdout?.Reached ?? 0, holdout?.Converted ?? 0));
    }

    public async Task<IReadOnlyList<MemberJourneyRun>> ListMemberRunsAsync(Guid memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.Runs.AsNoTracking().Where(r => r.MemberId == memberId).OrderByDescending(r => r.EnteredAt).Take(50)
            .Join(db.Journeys, r => r.JourneyId, j => j.Id, (r, j) => new { Run = r, j.Name }).ToListAsync(ct);
        var ids = runs.Select(r => r.Run.Id).ToList();
        var steps = (await db.RunSteps.AsNoTracking().Where(s => ids.Contains(s.RunId)).OrderBy(s => s.StartedAt).ToListAsync(ct)).ToLookup(s => s.RunId);
        return runs.Select(r => new MemberJourneyRun(
            r.Run.Id, r.Run.JourneyId, r.Name, (JourneyRunStatus)r.Run.Status, r.Run.Holdout, r.Run.ExitReason, r.Run.EnteredAt, r.Run.EndedAt,
            r.Run.Status == 0 ? r.Run.DueAt : null,
            steps[r.Run.Id].Select(s => new MemberJourneyStep(s.StepId, (JourneyStepKind)s.Kind, (RunStepStatus)s.Status, s.Outcome, s.StartedAt, s.DoneAt)).ToList()))
            .ToList();
    }

    public async Task<PagedResult<StaffNotification>> ListNotificationsAsync(bool unreadOnly, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Notifications.AsNoTracking().Where(n => !unreadOnly || n.ReadAt == null);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAt).Skip((page.Page - 1) * page.PageSize).Take(page.PageSize)
            .Join(db.Journeys, n => n.JourneyId, j => j.Id, (n, j) => new StaffNotification(n.Id, n.MemberId, n.JourneyId, j.Name, n.Text, n.CreatedAt, n.ReadAt, n.ReadBy))
            .ToListAsync(ct);
        return new PagedResult<StaffNotification>(items, total, page.Page, page.PageSize);
    }

    public async Task<bool> MarkReadAsync(Guid notificationId, string by, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.Where(n => n.Id == notificationId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now).SetProperty(n => n.ReadBy, by), ct) > 0;
    }

    private sealed record StepCountRow(string StepId, int Entered, int Waiting, int Done, int Exited);

    private sealed record ConversionRow(bool Holdout, int Reached, int Converted);
}
