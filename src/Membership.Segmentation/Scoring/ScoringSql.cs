namespace Membership.Segmentation.Scoring;

/// <summary>
/// One scoring run, set-based inside PostgreSQL over the views Points and Members publish. Parameters: <c>@as_of</c>
/// (Taipei date), <c>@window</c> (days), <c>@high</c> (score counted as high), <c>@cycle_override</c> (null to compute),
/// <c>@e0</c>/<c>@s1</c>/<c>@s2</c> (cycle multipliers up to which a member is E0, S1, S2), <c>@run</c>, <c>@now</c>.
/// </summary>
internal static class ScoringSql
{
    /// <summary>
    /// Per member (not erased), over purchases up to the as-of date: first and last Taipei purchase date, and purchases
    /// and net amount in the window. Points' (member, date) index with the amounts answers it without visiting the table.
    /// </summary>
    public const string PurchaseTotals = """
        CREATE TEMP TABLE scoring_members ON COMMIT DROP AS
        SELECT p.member_id, min(p.purchased_on) AS first_on, max(p.purchased_on) AS last_on,
               (count(*) FILTER (WHERE p.purchased_on > @as_of - @window))::int AS frequency,
               sum(p.net_amount) FILTER (WHERE p.purchased_on > @as_of - @window) AS monetary
        FROM points_v_scoring_purchases p
        WHERE p.purchased_on <= @as_of
          AND EXISTS (SELECT 1 FROM members_v_segment_profiles m WHERE m.member_id = p.member_id)
        GROUP BY p.member_id
        """;

    /// <summary>
    /// The purchase cycle: median of the gaps in days between a member's consecutive distinct purchase dates, over all
    /// members' gaps whose later date is inside the window; rounded half up (numeric round), at least 1; 30 without gaps.
    /// Purchases are read in (member, date) order from Points' index, so consecutive distinct dates are the non-zero
    /// differences to the previous purchase (same-day purchases differ by 0). The median is <c>percentile_cont(0.5)</c>
    /// read off the gaps' frequencies (whole days: a few hundred distinct values) instead of sorting millions of gaps:
    /// the mean of the values at 1-based positions ⌊(n−1)/2⌋+1 and ⌈(n−1)/2⌉+1.
    /// </summary>
    public const string Cycle = """
        WITH gaps AS (
            SELECT p.member_id, p.purchased_on,
                   p.purchased_on - lag(p.purchased_on) OVER (PARTITION BY p.member_id ORDER BY p.purchased_on) AS gap
            FROM points_v_scoring_purchases p
            WHERE p.purchased_on <= @as_of),
        counted AS (
            SELECT g.gap, count(*) AS c FROM gaps g
            WHERE g.gap > 0 AND g.purchased_on > @as_of - @window
              AND EXISTS (SELECT 1 FROM scoring_members s WHERE s.member_id = g.member_id)
            GROUP BY g.gap),
        running AS (
            SELECT gap, sum(c) OVER (ORDER BY gap) AS upto, sum(c) OVER () AS n FROM counted),
        middle AS (
            SELECT (SELECT min(gap) FROM running WHERE upto >= floor((n - 1) / 2.0) + 1) AS lower_value,
                   (SELECT min(gap) FROM running WHERE upto >= ceil((n - 1) / 2.0) + 1) AS upper_value
            FROM running LIMIT 1)
        SELECT coalesce(@cycle_override,
                (SELECT greatest(1, round((lower_value + upper_value) / 2.0)::int) FROM middle),
                30)
        """;

    /// <summary>
    /// New scores of every member: RFM for members with a purchase in the window (score = 1 + floor(5 × (rank − 1) / n),
    /// ranks worst to best, ties sharing the lowest rank), NES from all history, <c>none</c> without purchases.
    /// </summary>
    public const string NewScores = """
        CREATE TEMP TABLE scoring_new ON COMMIT DROP AS
        WITH per_member AS (SELECT * FROM scoring_members),
        ranked AS (
            SELECT member_id, count(*) OVER () AS n,
                   rank() OVER (ORDER BY @as_of - last_on DESC) AS r_rank,
                   rank() OVER (ORDER BY frequency) AS f_rank,
                   rank() OVER (ORDER BY monetary) AS m_rank
            FROM per_member WHERE frequency > 0),
        scored AS (
            SELECT p.*, (1 + floor(5.0 * (r.r_rank - 1) / r.n))::smallint AS r_score,
                   (1 + floor(5.0 * (r.f_rank - 1) / r.n))::smallint AS f_score,
                   (1 + floor(5.0 * (r.m_rank - 1) / r.n))::smallint AS m_score
            FROM per_member p LEFT JOIN ranked r USING (member_id))
        SELECT m.member_id,
               CASE WHEN s.frequency > 0 THEN @as_of - s.last_on END AS recency_days,
               CASE WHEN s.frequency > 0 THEN s.frequency END AS frequency,
               CASE WHEN s.frequency > 0 THEN s.monetary END AS monetary,
               s.r_score, s.f_score, s.m_score,
               CASE WHEN s.r_score IS NULL THEN NULL
                    ELSE CASE WHEN s.m_score >= @high THEN 'important-' ELSE 'general-' END ||
                         CASE WHEN s.r_score >= @high AND s.f_score >= @high THEN 'value'
                              WHEN s.r_score >= @high THEN 'develop'
                              WHEN s.f_score >= @high THEN 'keep'
                              ELSE 'retain' END
               END AS rfm_type,
               CASE WHEN s.first_on IS NULL THEN 'none'
                    WHEN @as_of - s.first_on <= @cycle THEN 'N'
                    WHEN @as_of - s.last_on <= @e0 * @cycle THEN 'E0'
                    WHEN @as_of - s.last_on <= @s1 * @cycle THEN 'S1'
                    WHEN @as_of - s.last_on <= @s2 * @cycle THEN 'S2'
                    ELSE 'S3' END AS nes_state,
               s.first_on, s.last_on
        FROM members_v_segment_profiles m
        LEFT JOIN scored s USING (member_id)
        """;

    /// <summary>
    /// Changes against the previous scores, once per member, kind and as-of date (a second run the same day adds none).
    /// A member's first score is a starting point, not a change: members without a previous row get no transition.
    /// Each transition also goes to the outbox as the event journeys react to.
    /// </summary>
    public const string Transitions = """
        WITH changes AS (
            SELECT n.member_id, 0 AS kind, o.nes_state AS from_value, n.nes_state AS to_value
            FROM scoring_new n JOIN segmentation_member_scores o USING (member_id)
            WHERE o.nes_state IS DISTINCT FROM n.nes_state
            UNION ALL
            SELECT n.member_id, 1, o.rfm_type, n.rfm_type
            FROM scoring_new n JOIN segmentation_member_scores o USING (member_id)
            WHERE o.rfm_type IS DISTINCT FROM n.rfm_type),
        inserted AS (
            INSERT INTO segmentation_transitions (id, member_id, kind, from_value, to_value, run_id, as_of_date, at)
            SELECT gen_random_uuid(), member_id, kind, from_value, to_value, @run, @as_of, @now FROM changes
            ON CONFLICT (member_id, kind, as_of_date) DO NOTHING
            RETURNING member_id, kind, from_value, to_value),
        events AS (
            INSERT INTO segmentation_outbox_messages (id, type, payload, occurred_at, attempts)
            SELECT gen_random_uuid(), CASE kind WHEN 0 THEN @nes_event ELSE @rfm_event END,
                   jsonb_build_object('memberId', member_id, 'from', from_value, 'to', to_value, 'runId', @run, 'asOfDate', @as_of),
                   @now, 0
            FROM inserted
            RETURNING 1)
        SELECT count(*)::int FROM events
        """;

    public const string ReplaceScores = """
        DELETE FROM segmentation_member_scores;
        INSERT INTO segmentation_member_scores (member_id, run_id, as_of_date, recency_days, frequency, monetary, r_score, f_score,
                                                m_score, rfm_type, nes_state, first_purchase_on, last_purchase_on, cycle_days)
        SELECT member_id, @run, @as_of, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_type, nes_state,
               first_on, last_on, @cycle
        FROM scoring_new;
        INSERT INTO segmentation_nes_snapshots (as_of_date, nes_state, members)
        SELECT @as_of, nes_state, count(*) FROM scoring_new GROUP BY nes_state
        ON CONFLICT (as_of_date, nes_state) DO UPDATE SET members = excluded.members;
        DELETE FROM segmentation_nes_snapshots s WHERE s.as_of_date = @as_of
          AND NOT EXISTS (SELECT 1 FROM scoring_new n WHERE n.nes_state = s.nes_state);
        """;

    public const string CountScored = "SELECT count(*)::int FROM scoring_new WHERE r_score IS NOT NULL";
}
