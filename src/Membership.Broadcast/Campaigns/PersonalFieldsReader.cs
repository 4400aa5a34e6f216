using Npgsql;

namespace Membership.Broadcast.Campaigns;

/// <summary>Recipients' personal fields from the Members, Points and Tiers views, for many members in one query.</summary>
internal sealed class PersonalFieldsReader(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Sql = """
        SELECT p.member_id, p.name, p.member_code, coalesce(b.balance, 0)::bigint,
               coalesce(d.name_zh, t.tier_code), coalesce(x.points, 0)::bigint,
               (x.first_at AT TIME ZONE 'Asia/Taipei')::date, p.line_user_id
        FROM members_v_segment_profiles p
        LEFT JOIN points_v_member_balances b ON b.member_id = p.member_id
        LEFT JOIN tiers_v_member_tiers t ON t.member_id = p.member_id
        LEFT JOIN tiers_v_definitions d ON d.tier_code = t.tier_code
        LEFT JOIN LATERAL (SELECT sum(l.remaining) AS points, min(l.expires_at) AS first_at
                           FROM points_v_open_lots l WHERE l.member_id = p.member_id AND l.expires_at < @expiring_before) x ON true
        WHERE p.member_id = ANY(@ids)
        """;

    public async Task<Dictionary<Guid, PersonalFields>> ReadAsync(Guid[] memberIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("ids", memberIds);
        command.Parameters.AddWithValue("expiring_before", clock.GetUtcNow().AddDays(MessageRenderer.ExpiringWithinDays));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var fields = new Dictionary<Guid, PersonalFields>();
        while (await reader.ReadAsync(ct))
        {
            fields[reader.GetGuid(0)] = new PersonalFields(
                reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(2),
                reader.GetInt64(5), reader.IsDBNull(6) ? null : DateOnly.FromDateTime(reader.GetDateTime(6)),
                LineUserId: reader.IsDBNull(7) ? null : reader.GetString(7));
        }

        return fields;
    }
}
