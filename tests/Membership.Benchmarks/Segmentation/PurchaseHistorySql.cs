namespace Membership.Benchmarks.Segmentation;

/// <summary>
/// Generates purchase history, tags and tiers for the benchmark's members inside PostgreSQL (set-based, no round trip per
/// row). Every member gets a cycle (7 to 180 days), a lapse since the last purchase (0 to 720 days) and a purchase count
/// from a hash of its id, so the history is varied and the same on every run; about 20 % never bought.
/// </summary>
internal static class PurchaseHistorySql
{
    /// <summary>Purchases per buying member averages (1 + 24) / 2 = 12.5, so 80 % buyers give about 10 per member.</summary>
    public const string InsertPurchases = """
        INSERT INTO points_purchases (id, member_id, store_code, receipt_number, total, refunded_amount, occurred_at, channel,
                                      points_earned, points_reversed, imported, lines, recorded_by, created_at)
        SELECT gen_random_uuid(), m.id, 'S' || lpad((m.h % 20)::text, 2, '0'), m.member_code || '-' || g,
               ((50 + (m.h2 % 30) * 25) * (0.6 + 0.8 * ((g * 7919 + m.h::bigint) % 100) / 100.0))::numeric(12, 2),
               CASE WHEN (m.h::bigint + g) % 97 = 0 THEN 30 ELSE 0 END,
               now() - make_interval(days => m.lapse + ((g - 1) * m.cycle * (0.7 + 0.6 * ((g * 104729 + m.h::bigint) % 100) / 100.0))::int),
               'import', 0, 0, true, '[]'::jsonb, 'benchmark', now()
        FROM (SELECT id, member_code, h, h2,
                     (ARRAY[7, 14, 30, 45, 60, 90, 180])[1 + h % 7] AS cycle,
                     CASE WHEN h2 % 5 = 0 THEN 400 + h % 320 ELSE h2 % 200 END AS lapse,
                     CASE WHEN h % 5 = 0 THEN 0 ELSE 1 + h2 % 24 END AS purchases
              FROM (SELECT id, member_code, (hashtext(id::text) & 2147483647) AS h, (hashtext(member_code) & 2147483647) AS h2 FROM members_members) x) m
        CROSS JOIN LATERAL generate_series(1, m.purchases) AS g
        """;

    public const string InsertTags = """
        INSERT INTO tags_definitions (id, name, normalized_name, colour, description, kind, archived, created_at, created_by, updated_at)
        SELECT gen_random_uuid(), t, lower(t), '#8E24AA', null, 0, false, now(), 'benchmark', now()
        FROM unnest(ARRAY['咖啡','茶','甜點','VIP','學生','上班族','家庭','外送','早鳥','夜貓','會員日','試吃','禮盒','環保杯','咖啡豆','手沖','冷萃','拿鐵','常客','新品']) AS t
        ON CONFLICT DO NOTHING;
        INSERT INTO tags_assignments (id, member_id, tag_id, added_at, added_by_kind, added_by, source_id)
        SELECT gen_random_uuid(), m.id, t.id, now(), 3, 'benchmark', null
        FROM members_members m
        JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM tags_definitions) t
          ON ((hashtext(m.id::text || t.n::text) & 2147483647) % 10) = 0
        ON CONFLICT DO NOTHING;
        """;

    // Salted apart from the purchases' hash: otherwise the members with a tier are exactly those who never buy.
    public const string InsertTiers = """
        INSERT INTO tiers_member_tiers (member_id, tier_code, rank, since, review_on, updated_at)
        SELECT id, CASE WHEN (hashtext(id::text || 'tier') & 2147483647) % 30 = 0 THEN d2.code ELSE d1.code END,
               CASE WHEN (hashtext(id::text || 'tier') & 2147483647) % 30 = 0 THEN d2.rank ELSE d1.rank END, now(), null, now()
        FROM members_members
        CROSS JOIN (SELECT code, rank FROM tiers_definitions WHERE rank = 1) d1
        CROSS JOIN (SELECT code, rank FROM tiers_definitions ORDER BY rank DESC LIMIT 1) d2
        WHERE (hashtext(id::text || 'tier') & 2147483647) % 10 = 0
        ON CONFLICT DO NOTHING
        """;

    /// <summary>The floor: a bare aggregate per member over the same purchases, nothing else.</summary>
    public const string BareGroupBy = """
        SELECT count(*) FROM (
            SELECT member_id, count(*), sum(total - refunded_amount), max(occurred_at) FROM points_purchases GROUP BY member_id) g
        """;
}
