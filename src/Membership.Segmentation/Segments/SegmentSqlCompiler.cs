using System.Globalization;
using Membership.Contracts.Segmentation;
using Membership.Shared.Time;
using Npgsql;
using NpgsqlTypes;
using F = Membership.Contracts.Segmentation.SegmentFields;
using O = Membership.Contracts.Segmentation.SegmentOps;

namespace Membership.Segmentation.Segments;

/// <summary>
/// Turns a validated definition into one WHERE clause over <c>members_v_segment_profiles m</c> left-joined to
/// <c>segmentation_member_scores s</c>. Values only ever travel as parameters; the SQL text is built from fixed pieces.
/// Live facts (tags, purchases, balances, tiers) are read from the owners' views at query time.
/// </summary>
internal sealed class SegmentSqlCompiler(TimeProvider clock)
{
    // Scores, tiers and balances are LEFT JOINed on their unique member_id: PostgreSQL drops a join whose columns a
    // definition does not use, and one that is used costs one hash join instead of a lookup per member.
    public const string From = """
        members_v_segment_profiles m
        LEFT JOIN segmentation_member_scores s ON s.member_id = m.member_id
        LEFT JOIN tiers_v_member_tiers mt ON mt.member_id = m.member_id
        LEFT JOIN points_v_member_balances b ON b.member_id = m.member_id
        """;

    public const string Reachable = "(m.line_user_id IS NOT NULL AND m.friend_status = 1 AND m.marketing_opted_out_at IS NULL)";

    /// <summary>A member without a tier row is in the lowest tier.</summary>
    public const string Tier = "coalesce(mt.tier_code, (SELECT d.tier_code FROM tiers_v_definitions d ORDER BY d.rank LIMIT 1))";

    public const string Points = "coalesce(b.balance, 0)";

    public (string Where, List<NpgsqlParameter> Parameters) Compile(SegmentNode root)
    {
        var parameters = new List<NpgsqlParameter>();
        var today = TaipeiTime.Today(clock);
        return (Node(root), parameters);

        string Node(SegmentNode node) => node switch
        {
            SegmentAll all => "(" + string.Join(" AND ", all.Items.Select(Node)) + ")",
            SegmentAny any => "(" + string.Join(" OR ", any.Items.Select(Node)) + ")",
            SegmentNot not => "(NOT coalesce(" + Node(not.Item) + ", false))",
            SegmentCondition c => "(" + Condition(c) + ")",
            _ => throw new InvalidOperationException("Unknown node."),
        };

        string P(object value, NpgsqlDbType type)
        {
            var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            return "@" + name;
        }

        string TextArray(string[] values) => P(values, NpgsqlDbType.Array | NpgsqlDbType.Text);

        string LowerTags(string[] values) => TextArray(values.Select(v => v.ToLowerInvariant()).ToArray());

        string Condition(SegmentCondition c)
        {
            var v = c.Value;
            switch (c.Field)
            {
                case F.Tag:
                    // Members with the tags as one hashed semi-join (not a lookup per member); "has not" as an anti-join.
                    const string tagged = "SELECT t.member_id FROM tags_v_member_tags t WHERE lower(t.tag_name) = ";
                    const string taggedHere = "SELECT 1 FROM tags_v_member_tags t WHERE t.member_id = m.member_id AND lower(t.tag_name) = ";
                    return c.Op switch
                    {
                        O.Has => $"m.member_id IN ({tagged}{P(SegmentValueRules.Text(v).ToLowerInvariant(), NpgsqlDbType.Text)})",
                        O.HasNot => $"NOT EXISTS ({taggedHere}{P(SegmentValueRules.Text(v).ToLowerInvariant(), NpgsqlDbType.Text)})",
                        O.HasAny => $"m.member_id IN ({tagged}ANY({LowerTags(SegmentValueRules.TextList(v))}))",
                        O.HasNone => $"NOT EXISTS ({taggedHere}ANY({LowerTags(SegmentValueRules.TextList(v))}))",
                        _ => HasAll(SegmentValueRules.TextList(v)),
                    };
                case F.RfmType:
                    return NullableIn("s.rfm_type", "", c.Op, SegmentValueRules.TextList(v));
                case F.Nes:
                    return NullableIn("s.nes_state", "none", c.Op, SegmentValueRules.TextList(v));
                case F.Tier:
                    return In(Tier, c.Op, TextArray(SegmentValueRules.TextList(v)));
                case F.Region:
                    return NullableIn("m.region", "", c.Op, SegmentValueRules.TextList(v));
                case F.Gender:
                    return In("m.gender", c.Op, P(SegmentValueRules.TextList(v).Select(g => SegmentFieldSpecs.Genders[g]).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer));
                case F.LineStatus:
                    return In("m.friend_status", c.Op, P(SegmentValueRules.TextList(v).Select(s => SegmentFieldSpecs.LineStatuses[s]).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer));
                case F.Store:
                    var stores = $"EXISTS (SELECT 1 FROM points_v_scoring_purchases p WHERE p.member_id = m.member_id AND p.store_code = ANY({TextArray(SegmentValueRules.TextList(v))}))";
                    return c.Op == O.In ? stores : "NOT " + stores;
                case F.RScore: return Compare("s.r_score", c.Op, v);
                case F.FScore: return Compare("s.f_score", c.Op, v);
                case F.MScore: return Compare("s.m_score", c.Op, v);
                case F.RecencyDays: return Compare("s.recency_days", c.Op, v);
                case F.Frequency: return Compare("s.frequency", c.Op, v);
                case F.Monetary: return Compare("s.monetary", c.Op, v);
                case F.Points: return Compare(Points, c.Op, v);
                case F.Age: return Age(c.Op, v);
                case F.DaysSinceLastPurchase: return DaysSince(c.Op, v);
                case F.BirthdayMonth:
                    return $"extract(month FROM m.birthday)::int = ANY({P(SegmentValueRules.Months(v), NpgsqlDbType.Array | NpgsqlDbType.Integer)})";
                case F.Registered:
                    return v.GetBoolean() ? "m.registered_at IS NOT NULL" : "m.registered_at IS NULL";
                case F.RegisteredAt: return Since("m.registered_at", c.Op, v);
                case F.FriendSince: return Since("m.friend_since", c.Op, v);
                case F.SurveyAnswer:
                    // One semi-join over the survey module's published view (SurveyViews.SurveyAnswers).
                    var answered = "m.member_id IN (SELECT a.member_id FROM conversations_v_survey_answers a " +
                        $"WHERE replace(a.survey_id::text, '-', '') || '/' || a.question_id || '/' || a.choice_id = ANY({TextArray(SegmentValueRules.TextList(v))}))";
                    return c.Op == O.In ? answered : $"NOT coalesce({answered}, false)";
                default: throw new InvalidOperationException($"Unknown field {c.Field}.");
            }
        }

        string HasAll(string[] tags) =>
            $"m.member_id IN (SELECT t.member_id FROM tags_v_member_tags t WHERE lower(t.tag_name) = ANY({LowerTags(tags)}) " +
            $"GROUP BY t.member_id HAVING count(DISTINCT lower(t.tag_name)) = {P(tags.Select(t => t.ToLowerInvariant()).Distinct().Count(), NpgsqlDbType.Integer)})";

        // A missing value (no score row, no region) counts as the empty one; when that is not asked for, the plain column
        // lets PostgreSQL use its statistics and filter before joining (a good row estimate picks a hash join).
        string NullableIn(string column, string missing, string op, string[] values) =>
            op == O.In && !values.Contains(missing, StringComparer.Ordinal)
                ? $"{column} = ANY({TextArray(values)})"
                : In($"coalesce({column}, '{missing}')", op, TextArray(values));

        static string In(string expression, string op, string array) =>
            op == O.In ? $"{expression} = ANY({array})" : $"NOT ({expression} = ANY({array}))";

        string Compare(string expression, string op, System.Text.Json.JsonElement v)
        {
            if (op == O.Between)
            {
                var (from, to) = SegmentValueRules.Range(v);
                return $"{expression} BETWEEN {P(from, NpgsqlDbType.Numeric)} AND {P(to, NpgsqlDbType.Numeric)}";
            }

            var symbol = op switch { O.Eq => "=", O.Gte => ">=", _ => "<=" };
            return $"{expression} {symbol} {P(SegmentValueRules.Number(v), NpgsqlDbType.Numeric)}";
        }

        // eq, gte, lte and between as one closed range; an open end is 0 or the field's ceiling.
        static (decimal From, decimal To) Bounds(string op, System.Text.Json.JsonElement v, decimal ceiling) => op switch
        {
            O.Between => SegmentValueRules.Range(v),
            O.Gte => (SegmentValueRules.Number(v), ceiling),
            O.Lte => (0m, SegmentValueRules.Number(v)),
            _ => (SegmentValueRules.Number(v), SegmentValueRules.Number(v)),
        };

        // Age as a birthday range, so no per-row arithmetic: age ≥ a ⇔ born on or before today − a years.
        string Age(string op, System.Text.Json.JsonElement v)
        {
            var (from, to) = Bounds(op, v, 200m);
            var bornBy = today.AddYears(-(int)Math.Ceiling(from));
            var bornAfter = today.AddYears(-((int)Math.Floor(to) + 1));
            return $"m.birthday <= {P(bornBy, NpgsqlDbType.Date)} AND m.birthday > {P(bornAfter, NpgsqlDbType.Date)}";
        }

        // Live from purchases: a purchase recorded now counts at once. "Last purchase between two dates" is "a purchase
        // in that range and none after it": two set operations on Points' Taipei-date index, not a lookup per member.
        string DaysSince(string op, System.Text.Json.JsonElement v)
        {
            var (from, to) = Bounds(op, v, 100_000m);
            var latest = today.AddDays(-(int)Math.Ceiling(from));
            var earliest = today.AddDays(-(int)Math.Floor(Math.Min(to, 100_000m)));
            var inRange = $"m.member_id IN (SELECT p.member_id FROM points_v_scoring_purchases p WHERE p.purchased_on BETWEEN {P(earliest, NpgsqlDbType.Date)} AND {P(latest, NpgsqlDbType.Date)})";
            return latest >= today
                ? inRange
                : $"{inRange} AND NOT EXISTS (SELECT 1 FROM points_v_scoring_purchases p WHERE p.member_id = m.member_id AND p.purchased_on > {P(latest, NpgsqlDbType.Date)})";
        }

        string Since(string column, string op, System.Text.Json.JsonElement v)
        {
            if (op == O.WithinDays)
            {
                return $"{column} >= {P(clock.GetUtcNow().AddDays(-v.GetInt32()), NpgsqlDbType.TimestampTz)}";
            }

            var (from, to) = SegmentValueRules.DateRange(v);
            return $"{column} >= {P(TaipeiTime.StartOfDayUtc(from), NpgsqlDbType.TimestampTz)} AND {column} < {P(TaipeiTime.StartOfDayUtc(to.AddDays(1)), NpgsqlDbType.TimestampTz)}";
        }
    }
}
