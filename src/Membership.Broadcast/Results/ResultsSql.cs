namespace Membership.Broadcast.Results;

/// <summary>
/// Attribution in set-based SQL over the frozen recipients: a recipient's window starts at their send, a holdout
/// member's at the start of the send, both lasting the campaign's attribution days. Purchases come from the Points
/// module's view and coupons from the Coupons module's view (net of refunds, never their tables).
/// </summary>
internal static class ResultsSql
{
    private const string Windows = """
        WITH c AS (SELECT id, started_at, attribution_days FROM broadcast_campaigns WHERE id = @id),
        w AS (
            SELECT r.member_id, r.status, r.reason, r.sent_at, coalesce(r.sent_at, c.started_at) AS from_at,
                   coalesce(r.sent_at, c.started_at) + make_interval(days => c.attribution_days) AS to_at
            FROM broadcast_recipients r CROSS JOIN c
            WHERE r.campaign_id = @id
        )
        """;

    /// <summary>Per status of the sent (1) and holdout (4) members: members, purchasers, revenue and its sum of squares.</summary>
    public const string Groups = Windows + """
        , p AS (
            SELECT w.member_id, w.status, count(p.purchase_id) AS purchases, coalesce(sum(p.net_amount), 0) AS revenue
            FROM w LEFT JOIN points_v_purchases p ON p.member_id = w.member_id AND p.occurred_at >= w.from_at AND p.occurred_at < w.to_at
            WHERE w.status IN (1, 4)
            GROUP BY w.member_id, w.status
        )
        SELECT status, count(*)::bigint, count(*) FILTER (WHERE purchases > 0)::bigint, coalesce(sum(revenue), 0), coalesce(sum(revenue * revenue), 0)
        FROM p GROUP BY status
        """;

    public const string Audience = "SELECT count(*)::int FROM broadcast_recipients WHERE campaign_id = @id";

    public const string Links = """
        SELECT link_index, sum(clicks)::int, count(*)::int FROM broadcast_clicks WHERE campaign_id = @id GROUP BY link_index
        """;

    public const string Clickers = "SELECT coalesce(sum(clicks), 0)::int, count(DISTINCT member_id)::int FROM broadcast_clicks WHERE campaign_id = @id";

    /// <summary>Coupons the campaign issued, and those first used within the window after their issue.</summary>
    public const string Coupons = """
        SELECT count(*)::int,
               count(*) FILTER (WHERE i.first_used_at < i.issued_at + make_interval(days => c.attribution_days))::int
        FROM coupons_v_issued i CROSS JOIN (SELECT attribution_days FROM broadcast_campaigns WHERE id = @id) c
        WHERE i.issued_by = @issuer
        """;

    /// <summary>Every audience member with their clicks, redemption and purchases in their window, for the CSV.</summary>
    public const string Outcomes = Windows + """
        SELECT w.member_id, m.member_code, w.status, w.reason, w.sent_at,
               coalesce((SELECT sum(k.clicks) FROM broadcast_clicks k WHERE k.campaign_id = @id AND k.member_id = w.member_id), 0)::int,
               EXISTS (SELECT 1 FROM coupons_v_issued i WHERE i.issued_by = @issuer AND i.member_id = w.member_id AND i.used_count > 0),
               count(p.purchase_id)::int, coalesce(sum(p.net_amount), 0)
        FROM w
        JOIN members_v_segment_profiles m ON m.member_id = w.member_id
        LEFT JOIN points_v_purchases p ON w.status IN (1, 4) AND p.member_id = w.member_id AND p.occurred_at >= w.from_at AND p.occurred_at < w.to_at
        GROUP BY w.member_id, m.member_code, w.status, w.reason, w.sent_at
        ORDER BY m.member_code
        """;
}
