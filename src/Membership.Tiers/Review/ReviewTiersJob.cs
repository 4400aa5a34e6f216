using Membership.Contracts.Tiers;
using Membership.Shared.Time;
using Membership.Tiers.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Membership.Tiers.Review;

/// <summary>
/// Nightly: members whose yearly review is due get the tier their last 12 months qualify for (lower: a downgrade;
/// the same: kept until the next anniversary). Set-based, in batches; a reviewed member's date moves past today,
/// so running it twice changes nothing the second time.
/// </summary>
internal sealed partial class ReviewTiersJob(IDbContextFactory<TiersDbContext> dbFactory, TimeProvider clock, ILogger<ReviewTiersJob> logger)
{
    public const string RecurringJobId = "tiers:review-tiers";
    public const string ReviewReason = "review";
    private const int BatchSize = 1000;

    // One statement per batch: lock the due rows, sum their window, pick the tier, update, and write the history and
    // the outbox events for the members whose tier changed.
    private const string ReviewSql = """
        WITH due AS (
            SELECT member_id, tier_code, rank, review_on FROM tiers_member_tiers
            WHERE review_on <= @today ORDER BY review_on, member_id LIMIT @batch FOR UPDATE SKIP LOCKED
        ), qualifying AS (
            SELECT d.*, COALESCE((SELECT SUM(CASE WHEN @basis = 1 THEN a.points ELSE a.amount END)
                                  FROM tiers_qualifying_activities a
                                  WHERE a.member_id = d.member_id AND a.occurred_at > @from), 0) AS total
            FROM due d
        ), target AS (
            SELECT q.member_id, q.tier_code AS from_code, q.rank AS from_rank, q.review_on, t.code AS to_code, t.rank AS to_rank
            FROM qualifying q
            CROSS JOIN LATERAL (SELECT code, rank FROM tiers_definitions WHERE threshold <= q.total ORDER BY rank DESC LIMIT 1) t
        ), updated AS (
            UPDATE tiers_member_tiers m
            SET tier_code = t.to_code, rank = t.to_rank, updated_at = @now,
                since = CASE WHEN t.to_rank <> t.from_rank THEN @now ELSE m.since END,
                review_on = CASE
                    WHEN t.to_rank = 0 THEN NULL
                    WHEN t.to_rank <> t.from_rank THEN @nextYear
                    WHEN (t.review_on + interval '1 year')::date > @today THEN (t.review_on + interval '1 year')::date
                    ELSE @nextYear END
            FROM target t WHERE m.member_id = t.member_id
            RETURNING t.member_id, t.from_code, t.from_rank, t.to_code, t.to_rank
        ), changes AS (
            INSERT INTO tiers_member_tier_changes (id, member_id, from_tier_code, to_tier_code, from_rank, to_rank, reason, changed_at)
            SELECT gen_random_uuid(), member_id, from_code, to_code, from_rank, to_rank, @reason, @now FROM updated WHERE to_rank <> from_rank
            RETURNING member_id, from_tier_code, to_tier_code, from_rank, to_rank
        ), events AS (
            INSERT INTO tiers_outbox_messages (id, type, payload, occurred_at, attempts)
            SELECT gen_random_uuid(), @type,
                   jsonb_build_object('memberId', member_id, 'fromTierCode', from_tier_code, 'toTierCode', to_tier_code,
                                      'fromRank', from_rank, 'toRank', to_rank, 'reason', @reason, 'changedAt', @now),
                   @now, 0
            FROM changes
            RETURNING id
        )
        SELECT (SELECT count(*) FROM updated)::int AS "Reviewed", (SELECT count(*) FROM events)::int AS "Changed"
        """;

    public async Task<ReviewTiersResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = TaipeiTime.Today(clock);
        var total = new ReviewTiersResult(0, 0);
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var basis = await db.Settings.Where(s => s.Id == 1).Select(s => s.Basis).FirstOrDefaultAsync(ct);
            var batch = await db.Database.SqlQueryRaw<ReviewTiersResult>(ReviewSql,
                new Npgsql.NpgsqlParameter("today", today),
                new Npgsql.NpgsqlParameter("batch", BatchSize),
                new Npgsql.NpgsqlParameter("basis", basis),
                new Npgsql.NpgsqlParameter("from", Qualifying.TierQualification.WindowStart(now)),
                new Npgsql.NpgsqlParameter("now", now),
                new Npgsql.NpgsqlParameter("nextYear", Qualifying.TierQualification.Anniversary(today)),
                new Npgsql.NpgsqlParameter("reason", ReviewReason),
                new Npgsql.NpgsqlParameter("type", typeof(MemberTierChanged).AssemblyQualifiedName!)).ToListAsync(ct);
            var result = batch.Single();
            total = new ReviewTiersResult(total.Reviewed + result.Reviewed, total.Changed + result.Changed);
            if (result.Reviewed < BatchSize)
            {
                break;
            }
        }

        LogReviewed(total.Reviewed, total.Changed);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tier review: {Reviewed} members reviewed, {Changed} changed tier")]
    private partial void LogReviewed(int reviewed, int changed);
}

internal sealed record ReviewTiersResult(int Reviewed, int Changed);
