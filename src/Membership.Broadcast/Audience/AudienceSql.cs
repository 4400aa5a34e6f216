namespace Membership.Broadcast.Audience;

/// <summary>
/// The audience classified set-based in PostgreSQL: each member matching the segment SQL (Segmentation's, parameters
/// <c>p0…</c>) is reachable or skipped with a reason, and the eligible ones are drawn for the holdout in a random order
/// seeded per campaign (the same draw if the freeze is retried). Reads Members' published profile view.
/// </summary>
internal static class AudienceSql
{
    /// <summary>The classification CTE; the caller appends what to do with <c>ranked</c>.</summary>
    public static string Ranked(string segmentSql) => $"""
        WITH audience AS (
            SELECT p.member_id, p.line_user_id, p.friend_status, p.marketing_opted_out_at
            FROM members_v_segment_profiles p
            WHERE p.member_id IN ({segmentSql})
        ), classified AS (
            SELECT a.member_id, a.line_user_id,
                   CASE WHEN a.friend_status = 2 THEN 'blocked'
                        WHEN a.line_user_id IS NULL OR a.friend_status <> 1 THEN 'not-friend'
                        WHEN a.marketing_opted_out_at IS NOT NULL THEN 'opted-out'
                        WHEN @series IS NOT NULL AND EXISTS (
                                SELECT 1 FROM broadcast_campaigns o JOIN broadcast_recipients x ON x.campaign_id = o.id
                                WHERE o.series_id = @series AND x.member_id = a.member_id AND x.status = 1) THEN 'received'
                        WHEN @cap_messages > 0 AND (SELECT count(*) FROM (
                                SELECT 1 FROM broadcast_recipients r
                                WHERE r.member_id = a.member_id AND r.status = 1 AND r.sent_at > @cap_since
                                UNION ALL
                                SELECT 1 FROM broadcast_direct_sends d
                                WHERE d.member_id = a.member_id AND d.status = 1 AND d.sent_at > @cap_since
                                LIMIT @cap_messages) recent) >= @cap_messages THEN 'capped'
                   END AS skip_reason
            FROM audience a
        ), ranked AS (
            SELECT c.member_id, c.line_user_id, c.skip_reason,
                   row_number() OVER (PARTITION BY c.skip_reason IS NULL ORDER BY md5(c.member_id::text || @seed)) AS draw,
                   count(*) FILTER (WHERE c.skip_reason IS NULL) OVER () AS eligible
            FROM classified c
        )
        """;

    private const string IsHoldout = "(r.skip_reason IS NULL AND r.draw <= round(r.eligible * @holdout_percent / 100.0))";

    public static string Preview(string segmentSql) => Ranked(segmentSql) + $"""
        SELECT count(*)::int,
               (count(*) FILTER (WHERE r.skip_reason IS NULL OR r.skip_reason = 'capped'))::int,
               (count(*) FILTER (WHERE r.skip_reason = 'capped'))::int,
               (count(*) FILTER (WHERE {IsHoldout}))::int,
               (count(*) FILTER (WHERE r.skip_reason IS NULL AND NOT {IsHoldout}))::int
        FROM ranked r
        """;

    /// <summary>
    /// Inserts every audience member with its status, and numbers the ones to send to into batches of
    /// <c>@batch_size</c> in the same statement (no second pass over the recipients).
    /// </summary>
    public static string Freeze(string segmentSql) => Ranked(segmentSql) + $"""
        , statused AS (
            SELECT r.member_id, r.line_user_id,
                   CASE WHEN r.skip_reason IS NOT NULL THEN 3 WHEN {IsHoldout} THEN 4 ELSE 0 END AS status,
                   CASE WHEN r.skip_reason IS NOT NULL THEN r.skip_reason WHEN {IsHoldout} THEN 'holdout' END AS reason
            FROM ranked r
        )
        INSERT INTO broadcast_recipients (campaign_id, member_id, line_user_id, status, reason, batch_seq)
        SELECT @campaign_id, s.member_id, s.line_user_id, s.status, s.reason,
               CASE WHEN s.status = 0 THEN (row_number() OVER (PARTITION BY s.status = 0 ORDER BY s.member_id) - 1) / @batch_size END
        FROM statused s
        """;

    /// <summary>One batch per batch number with its retry key, before any call; returns how many recipients they hold.</summary>
    public const string CreateBatches = """
        WITH created AS (
            INSERT INTO broadcast_batches (campaign_id, seq, retry_key, status, size, attempts, next_attempt_at)
            SELECT @campaign_id, batch_seq, gen_random_uuid(), 0, count(*), 0, @now
            FROM broadcast_recipients
            WHERE campaign_id = @campaign_id AND status = 0
            GROUP BY batch_seq
            RETURNING size
        )
        SELECT coalesce(sum(size), 0)::int FROM created
        """;
}
