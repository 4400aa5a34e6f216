namespace Membership.Broadcast.Dispatch;

/// <summary>The dispatcher's statements: claim and lease, the next batches, their outcomes, the end of a send.</summary>
internal static class CampaignSql
{
    /// <summary>One due campaign nobody holds (or whose holder's lease ran out), leased to <c>@owner</c>.</summary>
    public const string Claim = """
        UPDATE broadcast_campaigns c SET lease_owner = @owner, lease_until = @until, updated_at = @now
        WHERE c.id = (SELECT id FROM broadcast_campaigns
                      WHERE status IN (1, 2) AND scheduled_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                      ORDER BY scheduled_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING c.id
        """;

    /// <summary>Extends the lease; no row when another instance took the campaign over.</summary>
    public const string Renew = """
        UPDATE broadcast_campaigns SET lease_until = @until WHERE id = @id AND lease_owner = @owner RETURNING status
        """;

    public const string Release = """
        UPDATE broadcast_campaigns SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner
        """;

    public const string Defer = """
        UPDATE broadcast_campaigns SET scheduled_at = @at, lease_owner = NULL, lease_until = NULL, updated_at = @now
        WHERE id = @id AND lease_owner = @owner AND status = 1
        """;

    public const string LockForFreeze = "SELECT status, frozen_at IS NOT NULL FROM broadcast_campaigns WHERE id = @id FOR UPDATE";

    /// <summary>The send started at <c>@now</c> (the freeze began) and its audience was frozen at <c>@frozen</c>.</summary>
    public const string Started = """
        UPDATE broadcast_campaigns c
        SET status = 2, started_at = @now, frozen_at = @frozen, updated_at = @frozen,
            frozen_audience = f.audience, frozen_skipped = f.skipped, frozen_holdout = f.holdout
        FROM (SELECT count(*)::int AS audience, (count(*) FILTER (WHERE status = 3))::int AS skipped, (count(*) FILTER (WHERE status = 4))::int AS holdout
              FROM broadcast_recipients WHERE campaign_id = @id) f
        WHERE c.id = @id
        """;

    public const string Fail = """
        UPDATE broadcast_campaigns SET status = 6, error = @error, finished_at = @now, lease_owner = NULL, lease_until = NULL, updated_at = @now
        WHERE id = @id
        """;

    /// <summary>The next due batches (the partial index holds only pending ones) with their recipients, but those whose outcome is being written.</summary>
    public const string NextBatches = """
        WITH next AS (
            SELECT seq, retry_key, attempts, messages_json FROM broadcast_batches
            WHERE campaign_id = @id AND status = 0 AND next_attempt_at <= @now AND seq <> ALL(@recording)
            ORDER BY seq LIMIT @limit
        )
        SELECT n.seq, n.retry_key, n.attempts, r.member_id, r.line_user_id, n.messages_json
        FROM next n JOIN broadcast_recipients r ON r.campaign_id = @id AND r.batch_seq = n.seq AND r.status = 0
        ORDER BY n.seq, r.member_id
        """;

    public const string NextRetryAt = "SELECT min(next_attempt_at) FROM broadcast_batches WHERE campaign_id = @id AND status = 0";

    public const string RecordBatches = """
        UPDATE broadcast_batches b
        SET status = u.status, attempts = b.attempts + 1, next_attempt_at = u.next_at, line_request_id = u.request_id,
            error = u.error, sent_at = CASE WHEN u.status = 1 THEN @now END
        FROM unnest(@seqs, @statuses, @next_ats, @request_ids, @errors) AS u(seq, status, next_at, request_id, error)
        WHERE b.campaign_id = @id AND b.seq = u.seq AND b.status = 0
        """;

    public const string RecordRecipients = """
        UPDATE broadcast_recipients r
        SET status = CASE WHEN u.status = 1 THEN 1 ELSE 2 END, sent_at = CASE WHEN u.status = 1 THEN @now END,
            reason = CASE WHEN u.status = 2 THEN u.error END
        FROM unnest(@seqs, @statuses, @errors) AS u(seq, status, error)
        WHERE r.campaign_id = @id AND r.batch_seq = u.seq AND u.status IN (1, 2) AND r.status = 0
        """;

    /// <summary>Ends a send with nothing pending: sent, or failed when every batch failed.</summary>
    public const string Finish = """
        UPDATE broadcast_campaigns c
        SET status = CASE WHEN EXISTS (SELECT 1 FROM broadcast_batches b WHERE b.campaign_id = c.id AND b.status = 2)
                           AND NOT EXISTS (SELECT 1 FROM broadcast_batches b WHERE b.campaign_id = c.id AND b.status = 1) THEN 6 ELSE 4 END,
            error = CASE WHEN EXISTS (SELECT 1 FROM broadcast_batches b WHERE b.campaign_id = c.id AND b.status = 2)
                         THEN (SELECT b.error FROM broadcast_batches b WHERE b.campaign_id = c.id AND b.status = 2 ORDER BY b.seq LIMIT 1) END,
            finished_at = @now, lease_owner = NULL, lease_until = NULL, updated_at = @now
        WHERE c.id = @id AND c.lease_owner = @owner AND c.status = 2
          AND NOT EXISTS (SELECT 1 FROM broadcast_batches b WHERE b.campaign_id = c.id AND b.status = 0)
        """;
}
