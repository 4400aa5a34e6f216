using System.Text.Json;
using Membership.Contracts.Automation;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Automation.Journeys;

/// <summary>
/// Claims due runs of active journeys (<c>FOR UPDATE SKIP LOCKED</c>: several instances share them, none runs the same
/// run at once) and walks each through its steps until one waits or the run ends. A step's row in
/// <c>automation_run_steps</c> and the run's next step are committed together, so a finished step is never started again;
/// a crash mid-step leaves the run due, and the step runs again with the same effect keys (no double effect).
/// </summary>
internal sealed partial class JourneyRunner(NpgsqlDataSource dataSource, StepExecutor executor, TimeProvider clock, ILogger<JourneyRunner> logger)
{
    private const int MaxStepsPerClaim = JourneyValidator.MaxSteps;

    private const string ClaimSql = """
        SELECT r.id, r.journey_id, r.member_id, r.holdout, r.next_step_id, r.entered_at, r.attempts, j.steps_json::text,
               (SELECT s.status FROM automation_run_steps s WHERE s.run_id = r.id AND s.step_id = r.next_step_id)
        FROM automation_runs r JOIN automation_journeys j ON j.id = r.journey_id
        WHERE r.status = 0 AND r.due_at <= @now AND j.status = 1
        ORDER BY r.due_at LIMIT @limit
        FOR UPDATE OF r SKIP LOCKED
        """;

    private const string StepSql = """
        INSERT INTO automation_run_steps (run_id, step_id, kind, status, outcome, started_at, done_at)
        VALUES (@run, @step, @kind, @status, @outcome, @now, @done)
        ON CONFLICT (run_id, step_id) DO UPDATE SET status = excluded.status, outcome = excluded.outcome, done_at = excluded.done_at
        """;

    private const string RunSql = """
        UPDATE automation_runs SET next_step_id = @next, due_at = @due, attempts = @attempts, status = @status,
            ended_at = CASE WHEN @status = 0 THEN NULL ELSE @now END,
            exit_reason = @reason, exit_step_id = @exit_step,
            last_message_at = coalesce(@messaged, last_message_at)
        WHERE id = @run
        """;

    private const string NotifySql = """
        INSERT INTO automation_notifications (id, run_id, step_id, journey_id, member_id, text, created_at)
        VALUES (gen_random_uuid(), @run, @step, @journey, @member, @text, @now)
        ON CONFLICT (run_id, step_id) DO NOTHING
        """;

    /// <returns>How many runs were claimed.</returns>
    public async Task<int> RunDueAsync(int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var runs = await ClaimAsync(connection, limit, ct);
        foreach (var run in runs)
        {
            await AdvanceAsync(connection, run, ct);
        }

        await transaction.CommitAsync(ct);
        return runs.Count;
    }

    private async Task<List<ClaimedRun>> ClaimAsync(NpgsqlConnection connection, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ClaimSql, connection);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var runs = new List<ClaimedRun>();
        while (await reader.ReadAsync(ct))
        {
            runs.Add(new ClaimedRun(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6),
                JsonSerializer.Deserialize<List<JourneyStep>>(reader.GetString(7), JourneyJson.Options) ?? [],
                reader.IsDBNull(8) ? null : (RunStepStatus)reader.GetInt32(8)));
        }

        return runs;
    }

    private async Task AdvanceAsync(NpgsqlConnection connection, ClaimedRun run, CancellationToken ct)
    {
        var (next, attempts, started) = (run.NextStepId, run.Attempts, run.NextStepStatus);
        DateTimeOffset? messaged = null;
        for (var executed = 0; executed < MaxStepsPerClaim; executed++)
        {
            var index = next is null ? -1 : run.Steps.FindIndex(s => s.Id == next);
            if (index < 0)
            {
                await UpdateRunAsync(connection, run, null, null, attempts, JourneyRunStatus.Completed, null, null, messaged, ct);
                return;
            }

            var step = run.Steps[index];
            if (started is RunStepStatus.Done or RunStepStatus.Skipped or RunStepStatus.Failed)
            {
                (next, started) = (NextId(run.Steps, index, null), null); // finished before the journey was edited
                continue;
            }

            StepResult result;
            try
            {
                result = await executor.ExecuteAsync(new StepContext(run.Id, run.JourneyId, run.MemberId, run.Holdout, run.EnteredAt, step, started is not null, attempts), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Another module failed (a database hiccup, a bug): try this step again later; its effects are keyed.
                attempts++;
                LogStepFailed(logger, ex, step.Id, run.Id, attempts);
                var retryAt = clock.GetUtcNow().AddSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Min(attempts, 12))));
                await UpdateRunAsync(connection, run, next, retryAt, attempts, JourneyRunStatus.Active, null, null, messaged, ct);
                return;
            }

            var now = clock.GetUtcNow();
            await WriteStepAsync(connection, run.Id, step, result, now, ct);
            if (result.Status == RunStepStatus.Waiting)
            {
                await UpdateRunAsync(connection, run, next, result.WaitUntil, result.Outcome == "quiet hours" ? attempts : attempts + (step.Kind == JourneyStepKind.SendMessages ? 1 : 0),
                    JourneyRunStatus.Active, null, null, messaged, ct);
                return;
            }

            if (step.Kind == JourneyStepKind.NotifyStaff && !run.Holdout)
            {
                await NotifyAsync(connection, run, step, now, ct);
            }

            messaged = result.Messaged ? now : messaged;
            (attempts, started) = (0, null);
            next = NextId(run.Steps, index, result.Next);
            if (next == JourneyStep.Exit)
            {
                await UpdateRunAsync(connection, run, null, null, 0, JourneyRunStatus.Exited, $"condition:{result.Outcome}", step.Id, messaged, ct);
                return;
            }
        }

        await UpdateRunAsync(connection, run, next, clock.GetUtcNow(), attempts, JourneyRunStatus.Active, null, null, messaged, ct);
    }

    private static string? NextId(List<JourneyStep> steps, int index, string? target) =>
        target ?? (index + 1 < steps.Count ? steps[index + 1].Id : null);

    private static async Task WriteStepAsync(NpgsqlConnection connection, Guid runId, JourneyStep step, StepResult result, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(StepSql, connection);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("step", step.Id);
        command.Parameters.AddWithValue("kind", (int)step.Kind);
        command.Parameters.AddWithValue("status", (int)result.Status);
        command.Parameters.Add(new NpgsqlParameter("outcome", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)result.Outcome ?? DBNull.Value });
        command.Parameters.AddWithValue("now", now);
        command.Parameters.Add(new NpgsqlParameter("done", NpgsqlTypes.NpgsqlDbType.TimestampTz)
        {
            Value = result.Status == RunStepStatus.Waiting ? DBNull.Value : now,
        });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task UpdateRunAsync(
        NpgsqlConnection connection, ClaimedRun run, string? next, DateTimeOffset? due, int attempts, JourneyRunStatus status,
        string? reason, string? exitStep, DateTimeOffset? messaged, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunSql, connection);
        command.Parameters.AddWithValue("run", run.Id);
        command.Parameters.Add(new NpgsqlParameter("next", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)next ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("due", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)due ?? DBNull.Value });
        command.Parameters.AddWithValue("attempts", attempts);
        command.Parameters.AddWithValue("status", (int)status);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.Add(new NpgsqlParameter("reason", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)reason ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("exit_step", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)exitStep ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("messaged", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)messaged ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task NotifyAsync(NpgsqlConnection connection, ClaimedRun run, JourneyStep step, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(NotifySql, connection);
        command.Parameters.AddWithValue("run", run.Id);
        command.Parameters.AddWithValue("step", step.Id);
        command.Parameters.AddWithValue("journey", run.JourneyId);
        command.Parameters.AddWithValue("member", run.MemberId);
        command.Parameters.AddWithValue("text", step.Note ?? "");
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey step {StepId} of run {RunId} failed (attempt {Attempts}); will retry")]
    private static partial void LogStepFailed(ILogger logger, Exception ex, string stepId, Guid runId, int attempts);

    private sealed record ClaimedRun(
        Guid Id, Guid JourneyId, Guid MemberId, bool Holdout, string? NextStepId, DateTimeOffset EnteredAt, int Attempts, List<JourneyStep> Steps,
        RunStepStatus? NextStepStatus);
}
