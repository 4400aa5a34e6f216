using System.Text.Json;
using Membership.Contracts.Segmentation;
using Membership.Testing;

namespace Membership.Segmentation.Tests.Scoring;

/// <summary>Quintile edges when n is no multiple of five, ties across an edge, and the events a run writes.</summary>
public sealed class ScoreEdgeTests(PostgresDatabaseFixture database) : SegmentationTestBase(database)
{
    [Fact]
    public async Task Seven_members_split_at_the_floor_of_five_times_rank_minus_one_over_seven()
    {
        // Member i (1..7) bought i times for NT$10 × i each; the last time 8 − i days ago (member 7 the most recent).
        var members = new List<Guid>();
        for (var i = 1; i <= 7; i++)
        {
            var id = await MemberAsync($"E{i}");
            members.Add(id);
            for (var p = 0; p < i; p++)
            {
                await PurchaseAsync(id, daysAgo: 8 - i + p * 30, total: 10 * i);
            }
        }

        await ScoreAsync();

        // rank 1..7 → 1 + floor(5 (r − 1) / 7) = 1, 1, 2, 3, 3, 4, 5.
        int[] expected = [1, 1, 2, 3, 3, 4, 5];
        var scores = await Task.WhenAll(members.Select(ScoresOfAsync));
        Assert.Equal(expected, scores.Select(s => s.RScore!.Value));
        Assert.Equal(expected, scores.Select(s => s.FScore!.Value));
        Assert.Equal(expected, scores.Select(s => s.MScore!.Value));
        Assert.Equal([7, 6, 5, 4, 3, 2, 1], scores.Select(s => s.RecencyDays!.Value));
        Assert.Equal(70m * 7, scores[6].Monetary);
    }

    [Fact]
    public async Task Ties_across_a_quintile_edge_share_the_lower_score_and_skip_the_scores_between()
    {
        // Ten members spending 1, 1, 1, 2, 2, 2, 2, 3, 3, 3 × NT$100: ranks 1, 4 and 8 → scores 1, 2 and 4; nobody gets 3 or 5.
        decimal[] spend = [100, 100, 100, 200, 200, 200, 200, 300, 300, 300];
        var members = new List<Guid>();
        for (var i = 0; i < spend.Length; i++)
        {
            var id = await MemberAsync($"S{i}");
            members.Add(id);
            await PurchaseAsync(id, daysAgo: 5, total: spend[i]);
        }

        await ScoreAsync();

        var scores = await Task.WhenAll(members.Select(ScoresOfAsync));
        Assert.Equal([1, 1, 1, 2, 2, 2, 2, 4, 4, 4], scores.Select(s => s.MScore!.Value));
        // One purchase each, on one day: F and R tie for everyone, rank 1 → score 1.
        Assert.All(scores, s => Assert.Equal((1, 1), (s.FScore!.Value, s.RScore!.Value)));
        // R and F low (1); M high from 3 (the default threshold).
        Assert.Equal([.. Enumerable.Repeat("general-retain", 7), .. Enumerable.Repeat("important-retain", 3)], scores.Select(s => s.RfmType!));
    }

    [Fact]
    public async Task A_change_of_state_is_raised_as_an_event_the_outbox_dispatcher_can_read()
    {
        await Segmentation.SaveSettingsAsync(new ScoringSettings(CycleDaysOverride: 30), "test");
        var a = await MemberAsync("EVA");
        await PurchaseAsync(a, daysAgo: 100, total: 100);
        await PurchaseAsync(a, daysAgo: 20, total: 100);
        var b = await MemberAsync("EVB");
        await PurchaseAsync(b, daysAgo: 25, total: 100);
        await PurchaseAsync(b, daysAgo: -10, total: 100); // after the first as-of date: counted by the second run only
        var first = await ScoreAsync();
        var (aFirst, bFirst) = (await ScoresOfAsync(a), await ScoresOfAsync(b));
        Assert.Equal(("E0", "important-value"), (aFirst.NesState, aFirst.RfmType));
        Assert.Equal(("N", "general-retain"), (bFirst.NesState, bFirst.RfmType));
        Assert.Equal(0, first.Transitions); // a first score is a starting point, not a change
        Module.Clock.Advance(TimeSpan.FromDays(15));

        var second = await ScoreAsync();

        // A: E0 → S1 and important-value → general-retain; B: N → E0 and general-retain → general-develop.
        Assert.Equal(4, second.Transitions);
        var asOf = AsOf.AddDays(15);
        var nes = await EventsAsync<MemberNesStateChanged>();
        Assert.Equal(
            [new MemberNesStateChanged(a, "E0", "S1", second.Id, asOf), new MemberNesStateChanged(b, "N", "E0", second.Id, asOf)],
            nes.OrderBy(e => e.MemberId == b).ToList());
        var rfm = await EventsAsync<MemberRfmTypeChanged>();
        Assert.Contains(new MemberRfmTypeChanged(a, "important-value", "general-retain", second.Id, asOf), rfm);
        Assert.Contains(new MemberRfmTypeChanged(b, "general-retain", "general-develop", second.Id, asOf), rfm);
        Assert.Equal(2, rfm.Count);
        Assert.Contains(new ScoringRunCompleted(second.Id, asOf, 2), await EventsAsync<ScoringRunCompleted>());
        var history = await Segmentation.GetMemberTransitionsAsync(a);
        Assert.Equal([TransitionKind.Nes, TransitionKind.RfmType], history.Select(t => t.Kind));
        Assert.All(history, t => Assert.Equal((second.Id, asOf), (t.RunId, t.AsOfDate)));
    }

    private async Task<List<T>> EventsAsync<T>()
    {
        var type = typeof(T).AssemblyQualifiedName!;
        var payloads = new List<T>();
        await using var command = Module.Get<Npgsql.NpgsqlDataSource>()
            .CreateCommand("SELECT type, payload::text FROM segmentation_outbox_messages ORDER BY occurred_at, id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.GetString(0) == type)
            {
                // What the dispatcher does: Type.GetType(type) and the web JSON options.
                Assert.NotNull(Type.GetType(reader.GetString(0)));
                payloads.Add(JsonSerializer.Deserialize<T>(reader.GetString(1), JsonSerializerOptions.Web)!);
            }
        }

        return payloads;
    }
}
