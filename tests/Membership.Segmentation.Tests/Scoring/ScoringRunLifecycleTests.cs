using Membership.Contracts.Segmentation;
using Membership.Segmentation.Scoring;
using Membership.Testing;

namespace Membership.Segmentation.Tests.Scoring;

/// <summary>What POST /api/v1/scoring/runs and GET /api/v1/scoring/runs/{runId} answer: queued, running, done, refused.</summary>
public sealed class ScoringRunLifecycleTests(PostgresDatabaseFixture database) : SegmentationTestBase(database)
{
    private RecordedJobs Jobs => (RecordedJobs)Module.Get<Hangfire.IBackgroundJobClient>();

    [Fact]
    public async Task A_start_queues_one_run_and_its_job_and_a_second_start_answers_with_the_active_run()
    {
        var member = await MemberAsync("Q1");
        await PurchaseAsync(member, daysAgo: 3, total: 100);

        var first = await Segmentation.StartScoringRunAsync("api:marketing");
        var second = await Segmentation.StartScoringRunAsync("api:marketing");

        Assert.False(first.AlreadyRunning);
        Assert.True(second.AlreadyRunning);
        Assert.Equal(first.RunId, second.RunId);
        var queued = await Segmentation.GetScoringRunAsync(first.RunId);
        Assert.Equal(ScoringRunStatus.Queued, queued!.Status);
        Assert.Null(queued.StartedAt);
        var job = Assert.Single(Jobs.Jobs);
        Assert.Equal(typeof(ScoreMembersJob), job.Type);
        Assert.Equal(nameof(ScoreMembersJob.RunQueuedAsync), job.Method.Name);
        Assert.Equal(first.RunId, job.Args[0]);
    }

    [Fact]
    public async Task The_queued_job_runs_the_run_once_even_when_Hangfire_delivers_it_twice()
    {
        var member = await MemberAsync("Q2");
        await PurchaseAsync(member, daysAgo: 3, total: 100);
        var started = await Segmentation.StartScoringRunAsync("api:marketing");
        Module.Clock.Advance(TimeSpan.FromMinutes(1));

        var done = await Module.Scoped<ScoreMembersJob>().RunQueuedAsync(started.RunId, CancellationToken.None);
        var again = await Module.Scoped<ScoreMembersJob>().RunQueuedAsync(started.RunId, CancellationToken.None);

        Assert.Equal(ScoringRunStatus.Succeeded, done.Status);
        Assert.Equal(AsOf, done.AsOfDate);
        Assert.Equal(1, done.MembersScored);
        Assert.Equal(30, done.CycleDays);
        Assert.NotNull(done.StartedAt);
        Assert.True(done.FinishedAt >= done.StartedAt);
        Assert.Equal(done, again);
        Assert.Equal(1, await CountRowsAsync("SELECT count(*) FROM segmentation_outbox_messages WHERE type LIKE '%ScoringRunCompleted%'"));
        Assert.False((await Segmentation.StartScoringRunAsync("api:marketing")).AlreadyRunning);
    }

    [Fact]
    public async Task The_as_of_date_is_the_Taipei_date_on_which_the_run_starts_not_when_it_was_queued()
    {
        // Queued at 23:50 Taipei on 2026-03-02, started ten minutes later: the run counts as of 2026-03-03.
        Module.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 15, 50, 0, TimeSpan.Zero));
        var started = await Segmentation.StartScoringRunAsync("api:marketing");
        Module.Clock.Advance(TimeSpan.FromMinutes(10));

        var done = await Module.Scoped<ScoreMembersJob>().RunQueuedAsync(started.RunId, CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 3, 3), done.AsOfDate);
    }

    [Fact]
    public async Task A_job_that_cannot_be_enqueued_fails_its_run_so_the_next_start_is_not_refused()
    {
        Jobs.Failure = new InvalidOperationException("storage down");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Segmentation.StartScoringRunAsync("api:marketing"));
        Jobs.Failure = null;

        var next = await Segmentation.StartScoringRunAsync("api:marketing");

        Assert.False(next.AlreadyRunning);
        var runs = await Segmentation.ListScoringRunsAsync(10);
        Assert.Equal([ScoringRunStatus.Queued, ScoringRunStatus.Failed], runs.Select(r => r.Status).Order().ToArray());
    }

    [Fact]
    public async Task A_run_left_running_by_a_dead_process_is_failed_but_a_run_just_claimed_still_refuses_others()
    {
        var abandoned = Guid.NewGuid();
        await ExecuteAsync($"""
            INSERT INTO segmentation_runs (id, status, as_of_date, members_scored, transitions, requested_at, requested_by, started_at)
            VALUES ('{abandoned}', 1, '2026-03-02', 0, 0, '2026-03-02 03:00Z', 'nightly', '2026-03-02 03:00Z')
            """);

        var next = await Segmentation.StartScoringRunAsync("api:marketing");

        Assert.False(next.AlreadyRunning);
        var old = await Segmentation.GetScoringRunAsync(abandoned);
        Assert.Equal(ScoringRunStatus.Failed, old!.Status);
        Assert.StartsWith("Abandoned", old.Error, StringComparison.Ordinal);

        // The queued run is fresh: nothing abandons it, and the nightly run is refused meanwhile.
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => Segmentation.RunScoringAsync(null, "nightly"));
        Assert.Equal(ScoringRunStatus.Queued, (await Segmentation.GetScoringRunAsync(next.RunId))!.Status);
    }

    [Fact]
    public async Task The_nightly_job_skips_quietly_while_another_run_is_active()
    {
        var started = await Segmentation.StartScoringRunAsync("api:marketing");

        await Module.Scoped<ScoreMembersJob>().RunAsync(CancellationToken.None);

        var runs = await Segmentation.ListScoringRunsAsync(10);
        Assert.Equal(started.RunId, Assert.Single(runs).Id);
    }

    [Fact]
    public async Task A_member_who_joined_after_the_last_run_reads_as_none_and_nobody_has_scores_before_any_run()
    {
        var early = await MemberAsync("EARLY");
        Assert.Null(await Segmentation.GetMemberScoresAsync(early));

        var run = await ScoreAsync();
        var late = await MemberAsync("LATE");
        var scores = await ScoresOfAsync(late);

        Assert.Equal("none", scores.NesState);
        Assert.Equal(run.Id, scores.RunId);
        Assert.Equal(AsOf, scores.AsOfDate);
        Assert.Null(scores.RfmType);
        Assert.Null(scores.RScore);
        Assert.Equal("尚無消費紀錄 → none 未消費", scores.Explanation);
        Assert.Null(await Segmentation.GetMemberScoresAsync(Guid.NewGuid()));
    }
}
