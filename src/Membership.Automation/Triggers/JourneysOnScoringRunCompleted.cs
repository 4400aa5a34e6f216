using Membership.Automation.Journeys;
using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;
using Npgsql;

namespace Membership.Automation.Triggers;

/// <summary>
/// After each scoring run, for every active "entered a saved segment" journey: members in the segment now and not at the
/// last check enter (once per scoring run); members who left it end their runs when the exit rule says so. The last
/// check's members are kept in <c>automation_segment_members</c>. On a journey's first check everyone in the segment enters.
/// </summary>
internal sealed class JourneysOnScoringRunCompleted(
    JourneyStore journeys, JourneyEntry entry, ISegmentationModule segmentation, NpgsqlDataSource dataSource)
    : IIntegrationEventHandler<ScoringRunCompleted>
{
    public async Task HandleAsync(ScoringRunCompleted completed, Guid messageId, CancellationToken ct)
    {
        foreach (var journey in await journeys.ActiveAsync(JourneyTriggerKind.EnteredSegment, ct))
        {
            if (await segmentation.GetSegmentAsync(journey.Trigger.SegmentId!.Value, ct) is not { } segment)
            {
                continue; // deleted: nothing to enter
            }

            var compiled = segmentation.CompileMemberIds(segment.Definition);
            var entering = await MembersAsync($"""
                SELECT s.member_id FROM ({compiled.Sql}) s(member_id)
                WHERE NOT EXISTS (SELECT 1 FROM automation_segment_members m WHERE m.journey_id = @journey__ AND m.member_id = s.member_id)
                """, compiled, journey.Id, ct);
            var leaving = await MembersAsync($"""
                SELECT m.member_id FROM automation_segment_members m
                WHERE m.journey_id = @journey__ AND m.member_id NOT IN ({compiled.Sql})
                """, compiled, journey.Id, ct);
            foreach (var chunk in entering.Chunk(5_000))
            {
                await entry.EnterManyAsync(journey.Id, chunk, Enumerable.Repeat($"segment:{completed.RunId}", chunk.Length).ToArray(), ct);
            }

            foreach (var member in journey.Exit.WhenEntryLapses ? leaving : [])
            {
                await entry.ExitAsync(member, "whenEntryLapses", "left segment", journey.Id, ct);
            }

            await ReplaceSnapshotAsync(journey.Id, entering, leaving, ct);
        }
    }

    private async Task<List<Guid>> MembersAsync(string sql, SegmentSql compiled, Guid journeyId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("journey__", journeyId);
        foreach (var parameter in compiled.Parameters)
        {
            command.Parameters.Add(((NpgsqlParameter)parameter).Clone());
        }

        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task ReplaceSnapshotAsync(Guid journeyId, List<Guid> entering, List<Guid> leaving, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM automation_segment_members WHERE journey_id = @journey AND member_id = ANY(@leaving);
            INSERT INTO automation_segment_members (journey_id, member_id) SELECT @journey, unnest(@entering) ON CONFLICT DO NOTHING;
            """);
        command.Parameters.AddWithValue("journey", journeyId);
        command.Parameters.AddWithValue("leaving", leaving.ToArray());
        command.Parameters.AddWithValue("entering", entering.ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }
}
