using Membership.Contracts.Automation;
using Npgsql;

namespace Membership.Automation.Journeys;

/// <summary>
/// Puts members into an active journey, set-based: once per occurrence (the entry key), at most once at a time, not again
/// within the journey's re-entry days, only members that exist. The holdout is drawn from a hash of journey and member,
/// so a member stays on the same side on every entry. The first step is due at once.
/// </summary>
internal sealed class JourneyEntry(NpgsqlDataSource dataSource, JourneySignal signal, TimeProvider clock)
{
    private const string EnterSql = """
        INSERT INTO automation_runs (id, journey_id, member_id, entry_key, status, holdout, next_step_id, due_at, attempts, entered_at)
        SELECT gen_random_uuid(), j.id, e.member_id, e.entry_key, 0,
               (abs(hashtextextended(j.id::text || e.member_id::text, 0)) % 10000) < j.holdout_percent * 100,
               j.steps_json -> 0 ->> 'id', @now, 0, @now
        FROM automation_journeys j
        CROSS JOIN unnest(@members, @keys) AS e(member_id, entry_key)
        WHERE j.id = @journey AND j.status = 1
          AND EXISTS (SELECT 1 FROM members_v_segment_profiles p WHERE p.member_id = e.member_id)
          AND NOT EXISTS (SELECT 1 FROM automation_runs r WHERE r.journey_id = j.id AND r.member_id = e.member_id
                          AND (r.status = 0 OR (j.reentry_days > 0 AND r.entered_at > @now - make_interval(days => j.reentry_days))))
        ON CONFLICT DO NOTHING
        """;

    public Task<int> EnterAsync(Journey journey, Guid memberId, string entryKey, CancellationToken ct) =>
        EnterManyAsync(journey.Id, [memberId], [entryKey], ct);

    /// <returns>How many members entered.</returns>
    public async Task<int> EnterManyAsync(Guid journeyId, Guid[] memberIds, string[] entryKeys, CancellationToken ct)
    {
        if (memberIds.Length == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(EnterSql);
        command.Parameters.AddWithValue("journey", journeyId);
        command.Parameters.AddWithValue("members", memberIds);
        command.Parameters.AddWithValue("keys", entryKeys);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        var entered = await command.ExecuteNonQueryAsync(ct);
        if (entered > 0)
        {
            signal.Wake();
        }

        return entered;
    }

    /// <summary>Ends the member's active runs of journeys whose exit rules say so (<paramref name="rule"/>: <c>onPurchase</c>, <c>onBlock</c>, <c>whenEntryLapses</c>).</summary>
    /// <param name="journeyId">Only this journey (entry lapses), or every journey.</param>
    public async Task<int> ExitAsync(Guid memberId, string rule, string reason, Guid? journeyId, CancellationToken ct)
    {
        const string sql = """
            UPDATE automation_runs r SET status = 2, exit_reason = @reason, exit_step_id = r.next_step_id, ended_at = @now, due_at = NULL
            FROM automation_journeys j
            WHERE r.journey_id = j.id AND r.member_id = @member AND r.status = 0
              AND coalesce((j.exit_json ->> @rule)::boolean, @rule = 'onBlock')
              AND (@journey::uuid IS NULL OR j.id = @journey)
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("member", memberId);
        command.Parameters.AddWithValue("rule", rule);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.Add(new NpgsqlParameter("journey", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)journeyId ?? DBNull.Value });
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(ct);
    }
}
