using Membership.Contracts.Segmentation;
using Membership.Testing;

namespace Membership.Segmentation.Tests.Scoring;

public sealed class ScoringRunTests(PostgresDatabaseFixture database) : SegmentationTestBase(database)
{
    [Fact]
    public async Task Scores_follow_the_rank_formula_over_distinct_values()
    {
        // Ten members: member i bought i times (i × NT$100 each), the last time 10 − i days ago.
        var members = new List<Guid>();
        for (var i = 1; i <= 10; i++)
        {
            var id = await MemberAsync($"M{i:00}");
            members.Add(id);
            for (var p = 0; p < i; p++)
            {
                await PurchaseAsync(id, daysAgo: 10 - i + p * 20, total: 100);
            }
        }

        var run = await ScoreAsync();

        Assert.Equal(ScoringRunStatus.Succeeded, run.Status);
        Assert.Equal(10, run.MembersScored);
        int[] expected = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
        for (var i = 0; i < 10; i++)
        {
            var scores = await ScoresOfAsync(members[i]);
            Assert.Equal(expected[i], scores.FScore);
            Assert.Equal(expected[i], scores.MScore);
            Assert.Equal(expected[i], scores.RScore);
            Assert.Equal(i + 1, scores.Frequency);
            Assert.Equal((i + 1) * 100m, scores.Monetary);
        }
    }

    [Fact]
    public async Task Ties_share_the_lowest_rank_and_so_the_same_score()
    {
        int[] frequencies = [1, 1, 1, 2, 3];
        var members = new List<Guid>();
        for (var i = 0; i < frequencies.Length; i++)
        {
            var id = await MemberAsync($"T{i}");
            members.Add(id);
            for (var p = 0; p < frequencies[i]; p++)
            {
                await PurchaseAsync(id, daysAgo: 5 + p * 30, total: 100);
            }
        }

        await ScoreAsync();

        // n = 5, ranks 1, 1, 1, 4, 5 → 1 + floor(5 × (rank − 1) / 5).
        int[] expected = [1, 1, 1, 4, 5];
        for (var i = 0; i < members.Count; i++)
        {
            Assert.Equal(expected[i], (await ScoresOfAsync(members[i])).FScore);
        }

        // Every last purchase was 5 days ago: one rank, one R score for all.
        Assert.Single((await Task.WhenAll(members.Select(ScoresOfAsync))).Select(s => s.RScore).Distinct());
    }

    [Fact]
    public async Task Types_come_from_high_and_low_scores()
    {
        // Five members with rising F and M and falling recency: the best is important-value, the worst general-retain.
        var members = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = await MemberAsync($"Y{i}");
            members.Add(id);
            for (var p = 0; p <= i; p++)
            {
                await PurchaseAsync(id, daysAgo: 50 - i * 10 + p * 60, total: 100 * (i + 1));
            }
        }

        await ScoreAsync();

        Assert.Equal("general-retain", (await ScoresOfAsync(members[0])).RfmType);
        var best = await ScoresOfAsync(members[4]);
        Assert.Equal("important-value", best.RfmType);
        Assert.Equal("重要價值", best.RfmTypeName);
    }

    [Fact]
    public async Task Fully_refunded_purchases_do_not_count_and_partial_refunds_lower_the_amount()
    {
        var member = await MemberAsync("R1");
        await PurchaseAsync(member, daysAgo: 3, total: 500, refunded: 500);
        await PurchaseAsync(member, daysAgo: 10, total: 400, refunded: 150);
        var other = await MemberAsync("R2");
        await PurchaseAsync(other, daysAgo: 1, total: 100, refunded: 100);

        await ScoreAsync();

        var scores = await ScoresOfAsync(member);
        Assert.Equal(1, scores.Frequency);
        Assert.Equal(250m, scores.Monetary);
        Assert.Equal(10, scores.RecencyDays);
        var unscored = await ScoresOfAsync(other);
        Assert.Null(unscored.RfmType);
        Assert.Equal("none", unscored.NesState);
    }

    [Fact]
    public async Task Purchases_outside_the_window_give_no_RFM_but_count_for_NES()
    {
        var member = await MemberAsync("W1");
        await PurchaseAsync(member, daysAgo: 400, total: 100);
        await PurchaseAsync(member, daysAgo: 380, total: 100);

        await ScoreAsync();

        var scores = await ScoresOfAsync(member);
        Assert.Null(scores.RScore);
        Assert.Null(scores.Frequency);
        Assert.Equal("S3", scores.NesState);
    }

    [Fact]
    public async Task A_second_run_on_the_same_day_gives_the_same_rows_and_no_second_transition()
    {
        var dozing = await MemberAsync("D1");
        await PurchaseAsync(dozing, daysAgo: 100, total: 100);
        await PurchaseAsync(dozing, daysAgo: 20, total: 100);
        var steady = await MemberAsync("D2");
        await PurchaseAsync(steady, daysAgo: 200, total: 100);
        await PurchaseAsync(steady, daysAgo: 2, total: 100);
        await Segmentation.SaveSettingsAsync(new ScoringSettings(CycleDaysOverride: 30), "test");
        await ScoreAsync();
        Assert.Equal("E0", (await ScoresOfAsync(dozing)).NesState);
        Assert.Equal(0, await CountRowsAsync("SELECT count(*) FROM segmentation_transitions"));

        Module.Clock.Advance(TimeSpan.FromDays(15));
        var second = await ScoreAsync();
        var before = await CountRowsAsync("SELECT count(*) FROM segmentation_member_scores WHERE nes_state = 'S1'");
        var third = await ScoreAsync();

        Assert.Equal("S1", (await ScoresOfAsync(dozing)).NesState);
        Assert.Equal("E0", (await ScoresOfAsync(steady)).NesState);
        Assert.Equal(before, await CountRowsAsync("SELECT count(*) FROM segmentation_member_scores WHERE nes_state = 'S1'"));
        Assert.Equal(third.AsOfDate, second.AsOfDate);
        Assert.Equal(0, third.Transitions);
        var nes = await Segmentation.GetMemberTransitionsAsync(dozing);
        var change = Assert.Single(nes, t => t.Kind == TransitionKind.Nes);
        Assert.Equal(("E0", "S1"), (change.From, change.To));
        Assert.Equal(1, await CountRowsAsync(
            $"SELECT count(*) FROM segmentation_outbox_messages WHERE type LIKE '%MemberNesStateChanged%' AND payload->>'memberId' = '{dozing}'"));
        Assert.Equal(3, await CountRowsAsync("SELECT count(*) FROM segmentation_outbox_messages WHERE type LIKE '%ScoringRunCompleted%'"));
    }

    [Fact]
    public async Task Only_one_run_is_active_at_a_time()
    {
        await ExecuteAsync("""
            INSERT INTO segmentation_runs (id, status, as_of_date, members_scored, transitions, requested_at, requested_by)
            VALUES (gen_random_uuid(), 1, '2026-03-02', 0, 0, now(), 'other instance')
            """);

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(ScoreAsync);
        Assert.Contains("queued or running", refused.Message, StringComparison.Ordinal);
        Assert.True((await Segmentation.StartScoringRunAsync("test")).AlreadyRunning);
    }
}
