using Hangfire;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Membership.Segmentation.Persistence;
using Membership.Shared.Outbox;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Segmentation.Scoring;

/// <summary>Scoring runs (queued, run, read), settings and a member's scores with the reason in words.</summary>
internal sealed partial class ScoringService(
    IDbContextFactory<SegmentationDbContext> contexts,
    NpgsqlDataSource dataSource,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<ScoringService> logger)
{
    /// <summary>Serialises runs across instances (transaction-scoped advisory lock).</summary>
    private const long RunLockKey = 0x5345474D454E54; // "SEGMENT"

    private static readonly TimeSpan ClaimGrace = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan QueuedTimeout = TimeSpan.FromHours(6);

    public async Task<StartScoringResult> StartAsync(string requestedBy, CancellationToken ct)
    {
        await FailAbandonedRunsAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await ActiveRunIdAsync(db, ct) is { } active)
        {
            return new StartScoringResult(active, AlreadyRunning: true);
        }

        var run = NewRun(ScoringRunStatus.Queued, requestedBy);
        db.Runs.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await using var again = await contexts.CreateDbContextAsync(ct);
            return new StartScoringResult(await ActiveRunIdAsync(again, ct) ?? run.Id, AlreadyRunning: true);
        }

        try
        {
            services.GetRequiredService<IBackgroundJobClient>().Enqueue<ScoreMembersJob>(job => job.RunQueuedAsync(run.Id, CancellationToken.None));
        }
        catch (Exception ex)
        {
            // A queued row without a job would refuse every later run until it times out.
            LogRunFailed(logger, ex, run.Id);
            await FinishAsync(run.Id, ScoringRunStatus.Failed, null, 0, 0, $"Not queued: {ex.Message}", CancellationToken.None);
            throw;
        }

        return new StartScoringResult(run.Id, AlreadyRunning: false);
    }

    /// <summary>
    /// Runs a queued run (<paramref name="runId"/>) or a new one; throws when another run is active. A queued run that
    /// is no longer queued (already run, running or failed) is answered as it stands and not run again.
    /// </summary>
    public async Task<ScoringRun> RunAsync(Guid? runId, string requestedBy, CancellationToken ct)
    {
        if (await ClaimRunAsync(runId, requestedBy, ct) is not { } run)
        {
            return (await GetRunAsync(runId!.Value, ct))!;
        }

        try
        {
            var settings = await GetSettingsAsync(ct);
            var (cycle, scored, transitions) = await ScoreAsync(run, settings, ct);
            LogRunFinished(logger, run.Id, run.AsOfDate, scored, transitions, cycle);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunFailed(logger, ex, run.Id);
            await FinishAsync(run.Id, ScoringRunStatus.Failed, null, 0, 0, ex.Message, CancellationToken.None);
            throw;
        }

        return (await GetRunAsync(run.Id, CancellationToken.None))!;
    }

    public async Task<ScoringRun?> GetRunAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        return row is null ? null : ToRun(row);
    }

    public async Task<IReadOnlyList<ScoringRun>> ListRunsAsync(int take, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Runs.AsNoTracking().OrderByDescending(r => r.RequestedAt).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return rows.Select(ToRun).ToList();
    }

    public async Task<ScoringSettings> GetSettingsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, ct) ?? new ScoringSettingsRow { Id = 1 };
        return new ScoringSettings(row.WindowDays, row.HighScoreThreshold, row.CycleDaysOverride, row.S1Multiplier, row.S2Multiplier, row.S3Multiplier);
    }

    public async Task<SaveScoringSettingsResult> SaveSettingsAsync(ScoringSettings settings, string changedBy, CancellationToken ct)
    {
        if (ScoringSettingsRules.Check(settings) is { } error)
        {
            return new SaveScoringSettingsResult(false, error);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Settings.SingleOrDefaultAsync(s => s.Id == 1, ct);
        if (row is null)
        {
            row = new ScoringSettingsRow { Id = 1 };
            db.Settings.Add(row);
        }

        row.WindowDays = settings.WindowDays;
        row.HighScoreThreshold = settings.HighScoreThreshold;
        row.CycleDaysOverride = settings.CycleDaysOverride;
        row.S1Multiplier = settings.S1Multiplier;
        row.S2Multiplier = settings.S2Multiplier;
        row.S3Multiplier = settings.S3Multiplier;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = changedBy;
        await db.SaveChangesAsync(ct);
        return new SaveScoringSettingsResult(true);
    }

    public async Task<MemberScores?> GetMemberScoresAsync(Guid memberId, bool english, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.MemberScores.AsNoTracking().SingleOrDefaultAsync(s => s.MemberId == memberId, ct)
            ?? await NotYetScoredAsync(db, memberId, ct);
        if (row is null)
        {
            return null;
        }

        var settings = await GetSettingsAsync(ct);
        return ScoreExplanation.ToScores(row, settings, english);
    }

    /// <summary>
    /// A member who joined after the last run has no row: as of that run they had no purchases, so <c>none</c> with no
    /// RFM. Null when no run has succeeded yet, or the member is unknown or erased.
    /// </summary>
    private async Task<MemberScoreRow?> NotYetScoredAsync(SegmentationDbContext db, Guid memberId, CancellationToken ct)
    {
        var lastRun = await db.Runs.AsNoTracking().Where(r => r.Status == (int)ScoringRunStatus.Succeeded)
            .OrderByDescending(r => r.FinishedAt).FirstOrDefaultAsync(ct);
        if (lastRun is null)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {MemberViews.SegmentProfiles} WHERE member_id = @member)");
        command.Parameters.Add(new NpgsqlParameter("member", memberId));
        if (await command.ExecuteScalarAsync(ct) is not true)
        {
            return null;
        }

        return new MemberScoreRow
        {
            MemberId = memberId, RunId = lastRun.Id, AsOfDate = lastRun.AsOfDate, NesState = "none", CycleDays = lastRun.CycleDays ?? 30,
        };
    }

    public async Task<IReadOnlyList<ScoreTransition>> GetMemberTransitionsAsync(Guid memberId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Transitions.AsNoTracking().Where(t => t.MemberId == memberId)
            .OrderByDescending(t => t.AsOfDate).ThenBy(t => t.Kind).Take(100).ToListAsync(ct);
        return rows.Select(t => new ScoreTransition(t.MemberId, (TransitionKind)t.Kind, t.FromValue, t.ToValue ?? "", t.RunId, t.AsOfDate, t.At)).ToList();
    }

    private async Task<(int Cycle, int Scored, int Transitions)> ScoreAsync(ScoringRunRow run, ScoringSettings settings, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(@key)", ct, new NpgsqlParameter("key", RunLockKey));
        // The window functions sort millions of rows: give this transaction the memory to do it without temp files.
        await ExecuteAsync(connection, tx, "SET LOCAL work_mem = '256MB'", ct);
        var steps = new ScoringSteps();
        await ExecuteAsync(connection, tx, ScoringSql.PurchaseTotals, ct, Date(run.AsOfDate), new NpgsqlParameter("window", settings.WindowDays));
        await ExecuteAsync(connection, tx, "ANALYZE scoring_members", ct);
        steps.Done("purchase totals");
        var cycle = Convert.ToInt32(await ScalarAsync(connection, tx, ScoringSql.Cycle, ct,
            Date(run.AsOfDate), new NpgsqlParameter("window", settings.WindowDays),
            new NpgsqlParameter("cycle_override", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)settings.CycleDaysOverride ?? DBNull.Value }),
            System.Globalization.CultureInfo.InvariantCulture);
        steps.Done("cycle");
        NpgsqlParameter[] common =
        [
            Date(run.AsOfDate), new("window", settings.WindowDays), new("high", settings.HighScoreThreshold), new("cycle", cycle),
            new("e0", settings.S1Multiplier), new("s1", settings.S2Multiplier), new("s2", settings.S3Multiplier),
            new("run", run.Id), new("now", clock.GetUtcNow()),
            new("nes_event", OutboxMessages.Serialize(new MemberNesStateChanged(Guid.Empty, null, "", Guid.Empty, default)).Type),
            new("rfm_event", OutboxMessages.Serialize(new MemberRfmTypeChanged(Guid.Empty, null, null, Guid.Empty, default)).Type),
        ];
        await ExecuteAsync(connection, tx, ScoringSql.NewScores, ct, Clone(common));
        await ExecuteAsync(connection, tx, "ANALYZE scoring_new", ct);
        steps.Done("scores");
        var transitions = Convert.ToInt32(await ScalarAsync(connection, tx, ScoringSql.Transitions, ct, Clone(common)), System.Globalization.CultureInfo.InvariantCulture);
        steps.Done("transitions");
        await ExecuteAsync(connection, tx, ScoringSql.ReplaceScores, ct, Clone(common));
        // Every row was replaced: fresh statistics at once, or segment counts plan with yesterday's (autovacuum is late).
        await ExecuteAsync(connection, tx, "ANALYZE segmentation_member_scores", ct);
        steps.Done("replace scores");
        var scored = Convert.ToInt32(await ScalarAsync(connection, tx, ScoringSql.CountScored, ct), System.Globalization.CultureInfo.InvariantCulture);
        var completed = OutboxMessage.For(new ScoringRunCompleted(run.Id, run.AsOfDate, scored), clock.GetUtcNow());
        await ExecuteAsync(connection, tx,
            "INSERT INTO segmentation_outbox_messages (id, type, payload, occurred_at, attempts) VALUES (@id, @type, @payload::jsonb, @at, 0)", ct,
            new NpgsqlParameter("id", completed.Id), new NpgsqlParameter("type", completed.Type),
            new NpgsqlParameter("payload", completed.Payload), new NpgsqlParameter("at", completed.OccurredAt));
        // Succeeded in the same transaction as the scores: nobody sees new scores under a run still marked running.
        await ExecuteAsync(connection, tx, """
            UPDATE segmentation_runs SET status = 2, cycle_days = @cycle, members_scored = @scored, transitions = @transitions,
                                         finished_at = @at, error = NULL
            WHERE id = @run
            """, ct,
            new NpgsqlParameter("cycle", cycle), new NpgsqlParameter("scored", scored), new NpgsqlParameter("transitions", transitions),
            new NpgsqlParameter("at", clock.GetUtcNow()), new NpgsqlParameter("run", run.Id));

        await tx.CommitAsync(ct);
        steps.Done("commit");
        LogSteps(logger, run.Id, steps.ToString());
        return (cycle, scored, transitions);
    }

    private static NpgsqlParameter Date(DateOnly asOf) => new("as_of", NpgsqlTypes.NpgsqlDbType.Date) { Value = asOf };

    private static NpgsqlParameter[] Clone(NpgsqlParameter[] parameters) => parameters.Select(p => p.Clone()).ToArray();

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        return await command.ExecuteScalarAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scoring run {RunId} steps: {Steps}")]
    private static partial void LogSteps(ILogger logger, Guid runId, string steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scoring run {RunId} as of {AsOfDate}: {Scored} members RFM-scored, {Transitions} transitions, cycle {Cycle} days")]
    private static partial void LogRunFinished(ILogger logger, Guid runId, DateOnly asOfDate, int scored, int transitions, int cycle);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scoring run {RunId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, Guid runId);
}
