using Membership.Contracts.Segmentation;
using Membership.Segmentation.Persistence;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Segmentation.Scoring;

/// <summary>The run rows: one queued or running at a time (a partial unique index), claimed, finished.</summary>
internal sealed partial class ScoringService
{
    private static Task<Guid?> ActiveRunIdAsync(SegmentationDbContext db, CancellationToken ct) =>
        db.Runs.AsNoTracking()
            .Where(r => r.Status == (int)ScoringRunStatus.Queued || r.Status == (int)ScoringRunStatus.Running)
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);

    private ScoringRunRow NewRun(ScoringRunStatus status, string requestedBy)
    {
        var now = clock.GetUtcNow();
        return new ScoringRunRow
        {
            Id = Guid.CreateVersion7(),
            Status = (int)status,
            AsOfDate = TaipeiTime.Today(clock),
            RequestedAt = now,
            RequestedBy = requestedBy.Length > 256 ? requestedBy[..256] : requestedBy,
            StartedAt = status == ScoringRunStatus.Running ? now : null,
        };
    }

    /// <summary>
    /// Marks the run as running, its as-of date being the Taipei date on which it starts: a queued run moves from queued,
    /// a run without an id is created running (refused while another run is active). Null when the queued run was
    /// already taken (a Hangfire retry or a duplicate delivery): the caller answers with the run as it stands.
    /// </summary>
    private async Task<ScoringRunRow?> ClaimRunAsync(Guid? runId, string requestedBy, CancellationToken ct)
    {
        await FailAbandonedRunsAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (runId is { } id)
        {
            var now = clock.GetUtcNow();
            var claimed = await db.Runs
                .Where(r => r.Id == id && r.Status == (int)ScoringRunStatus.Queued)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, (int)ScoringRunStatus.Running)
                    .SetProperty(r => r.StartedAt, now)
                    .SetProperty(r => r.AsOfDate, TaipeiTime.Today(clock)), ct);
            if (claimed == 0)
            {
                return await db.Runs.AnyAsync(r => r.Id == id, ct)
                    ? null
                    : throw new InvalidOperationException($"Scoring run {id} does not exist.");
            }

            return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        }

        var run = NewRun(ScoringRunStatus.Running, requestedBy);
        db.Runs.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ScoringRunActiveException();
        }

        return run;
    }

    /// <summary>
    /// A process that dies mid-run leaves its row running, which would refuse every later run. A running row is
    /// abandoned when nobody holds the run lock (the scoring transaction holds it until it commits) and it started over
    /// <see cref="ClaimGrace"/> ago (the gap between claiming a run and taking the lock); a queued row whose job never
    /// started within <see cref="QueuedTimeout"/> is abandoned too. Both become failed.
    /// </summary>
    private async Task FailAbandonedRunsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        await ExecuteAsync(connection, tx, """
            UPDATE segmentation_runs SET status = 3, finished_at = @now, error = @error
            WHERE (status = 1 AND started_at < @running_before AND pg_try_advisory_xact_lock(@key))
               OR (status = 0 AND requested_at < @queued_before)
            """, ct,
            new NpgsqlParameter("now", now), new NpgsqlParameter("error", "Abandoned: the run stopped without finishing."),
            new NpgsqlParameter("running_before", now - ClaimGrace), new NpgsqlParameter("queued_before", now - QueuedTimeout),
            new NpgsqlParameter("key", RunLockKey));
        await tx.CommitAsync(ct);
    }

    private async Task FinishAsync(Guid runId, ScoringRunStatus status, int? cycle, int scored, int transitions, string? error, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.Runs.SingleAsync(r => r.Id == runId, ct);
        run.Status = (int)status;
        run.CycleDays = cycle;
        run.MembersScored = scored;
        run.Transitions = transitions;
        run.FinishedAt = clock.GetUtcNow();
        run.Error = error is { Length: > 2000 } ? error[..2000] : error;
        await db.SaveChangesAsync(ct);
    }

    private static ScoringRun ToRun(ScoringRunRow r) => new(
        r.Id, (ScoringRunStatus)r.Status, r.AsOfDate, r.CycleDays, r.MembersScored, r.Transitions,
        r.RequestedAt, r.RequestedBy, r.StartedAt, r.FinishedAt, r.Error);
}

internal sealed class ScoringRunActiveException() : InvalidOperationException("Another scoring run is queued or running.");

internal static class ScoringSettingsRules
{
    public static string? Check(ScoringSettings s) =>
        s.WindowDays is < 30 or > 3650 ? "The window is 30 to 3650 days."
        : s.HighScoreThreshold is < 1 or > 5 ? "A high score is 1 to 5."
        : s.CycleDaysOverride is < 1 or > 365 ? "A fixed purchase cycle is 1 to 365 days."
        : s.S1Multiplier <= 0 || s.S2Multiplier <= s.S1Multiplier || s.S3Multiplier <= s.S2Multiplier
            ? "The multipliers must grow: E0 up to the first, S1 up to the second, S2 up to the third."
        : null;
}
