using System.Text.Json;
using System.Text.RegularExpressions;
using Membership.Broadcast.Campaigns;
using Membership.Broadcast.Dispatch;
using Membership.Broadcast.Settings;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Membership.Broadcast.Direct;

/// <summary>
/// One member's messages outside a campaign (journey steps, auto-replies): rendered with the member's fields, and for
/// pushes the same rules as campaigns (reachable friends only, quiet hours, the frequency cap, LINE's push rate). The
/// row keyed by the caller's key is written before LINE is called; the key is LINE's retry key, so a retry after a
/// crash is answered 409 by LINE instead of sending twice.
/// </summary>
internal sealed partial class DirectMessages(
    NpgsqlDataSource dataSource,
    PersonalFieldsReader personalFields,
    BroadcastSettingsStore settings,
    ILineMessagingClient line,
    SendRateLimits limits,
    IOptions<BroadcastOptions> options,
    IMemberLinks links,
    TimeProvider clock)
{
    private const string ProfileSql = """
        SELECT p.line_user_id, p.friend_status, p.marketing_opted_out_at IS NOT NULL,
               (SELECT d.status FROM broadcast_direct_sends d WHERE d.key = @key)
        FROM members_v_segment_profiles p WHERE p.member_id = @member
        """;

    private const string RecentSendsSql = """
        SELECT count(*)::int FROM (
            SELECT 1 FROM broadcast_recipients r WHERE r.member_id = @member AND r.status = 1 AND r.sent_at > @since
            UNION ALL
            SELECT 1 FROM broadcast_direct_sends d WHERE d.member_id = @member AND d.status = 1 AND d.sent_at > @since
            LIMIT @cap) recent
        """;

    private const string UpsertSql = """
        INSERT INTO broadcast_direct_sends (key, member_id, source, status, reason, attempts, created_at, sent_at)
        VALUES (@key, @member, @source, @status, @reason, @attempts, @now, @sent_at)
        ON CONFLICT (key) DO UPDATE SET status = excluded.status, reason = excluded.reason,
            attempts = broadcast_direct_sends.attempts + excluded.attempts, sent_at = excluded.sent_at
        WHERE broadcast_direct_sends.status IN (0, 2)
        """;

    public async Task<IReadOnlyList<LineMessage>> RenderAsync(IReadOnlyList<JsonElement> messages, Guid memberId, CancellationToken ct)
    {
        if (CampaignMessages.Check(messages) is { Count: > 0 } errors)
        {
            throw new ArgumentException($"Invalid messages: {errors[0].Path} {errors[0].Message}", nameof(messages));
        }

        var fields = (await personalFields.ReadAsync([memberId], ct)).GetValueOrDefault(memberId) ?? PersonalFields.Unknown;
        if (fields.LineUserId is { } lineUserId)
        {
            fields = fields with { RegisterUrl = links.RegisterUrl(lineUserId), CardUrl = links.CardUrl(lineUserId) };
        }

        return await new MessageRenderer(JsonSerializer.Serialize(messages)).RenderAsync(fields);
    }

    public async Task<DirectMessageResult> SendAsync(DirectMessageRequest request, CancellationToken ct)
    {
        if (CampaignMessages.Check(request.Messages) is { Count: > 0 } errors)
        {
            return new DirectMessageResult(DirectMessageOutcome.Failed, Error: $"{errors[0].Path}: {errors[0].Message}");
        }

        if (request.AggregationUnit is { } unit && !AggregationUnit().IsMatch(unit))
        {
            return new DirectMessageResult(DirectMessageOutcome.Failed, Error: "aggregationUnit: 1-30 letters, digits or _.");
        }

        var (lineUserId, friendStatus, optedOut, recorded) = await ProfileAsync(request, ct);
        switch (recorded)
        {
            case 1:
                return new DirectMessageResult(DirectMessageOutcome.AlreadySent);
            case 3:
                return new DirectMessageResult(DirectMessageOutcome.Capped, Error: "Skipped before (frequency cap or unreachable).");
        }

        if (lineUserId is null || friendStatus != 1 || optedOut)
        {
            var reason = friendStatus == 2 ? "blocked" : optedOut ? "opted-out" : "not-friend";
            await RecordAsync(request, 3, reason, 0, null, ct);
            return new DirectMessageResult(DirectMessageOutcome.Unreachable, Error: reason);
        }

        var now = clock.GetUtcNow();
        var current = await settings.GetAsync(ct);
        if (request.ApplyQuietHours && QuietHours.Contains(current, now))
        {
            return new DirectMessageResult(DirectMessageOutcome.Deferred, QuietHours.NextAllowed(current, now));
        }

        if (request.ApplyFrequencyCap && recorded is null && current.CapMessages > 0 && await RecentSendsAsync(request.MemberId, current, now, ct) >= current.CapMessages)
        {
            await RecordAsync(request, 3, "capped", 0, null, ct);
            return new DirectMessageResult(DirectMessageOutcome.Capped, Error: "capped");
        }

        await RecordAsync(request, 0, null, 0, null, ct); // before LINE: a crash after the push leaves a row to retry with the same key
        try
        {
            var messages = await RenderAsync(request.Messages, request.MemberId, ct);
            using (await limits.Push.AcquireAsync(1, ct))
            {
                await line.PushAsync(new PushMessageRequest(lineUserId, messages, CustomAggregationUnits: request.AggregationUnit is { } aggregation ? [aggregation] : null), request.Key, ct);
            }

            await RecordAsync(request, 1, null, 1, clock.GetUtcNow(), ct);
            return new DirectMessageResult(DirectMessageOutcome.Sent, Sent: messages.Select(LineJson.ToElement).ToList());
        }
        catch (LineApiException ex) when (ex.StatusCode is not (429 or >= 500))
        {
            var error = $"LINE {ex.StatusCode}: {ex.LineMessage}";
            await RecordAsync(request, 2, Truncate(error), 1, null, ct);
            return new DirectMessageResult(DirectMessageOutcome.Failed, Error: error);
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            await RecordAsync(request, 0, Truncate(ex.Message), 1, null, ct);
            return new DirectMessageResult(DirectMessageOutcome.RetryLater, clock.GetUtcNow() + options.Value.MaxRetryDelay, ex.Message);
        }
    }

    private async Task<(string? LineUserId, int FriendStatus, bool OptedOut, int? Recorded)> ProfileAsync(DirectMessageRequest request, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(ProfileSql);
        command.Parameters.AddWithValue("member", request.MemberId);
        command.Parameters.AddWithValue("key", request.Key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (null, 0, false, null);
        }

        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetInt32(3));
    }

    private async Task<int> RecentSendsAsync(Guid memberId, BroadcastSettings current, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(RecentSendsSql);
        command.Parameters.AddWithValue("member", memberId);
        command.Parameters.AddWithValue("since", now.AddDays(-current.CapDays));
        command.Parameters.AddWithValue("cap", current.CapMessages);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    private Task RecordAsync(DirectMessageRequest request, int status, string? reason, int attempts, DateTimeOffset? sentAt, CancellationToken ct) =>
        dataSource.ExecuteAsync(UpsertSql, ct,
            ("key", request.Key), ("member", request.MemberId), ("source", Truncate(request.Source, 200)), ("status", status),
            ("reason", (object?)reason ?? DBNull.Value), ("attempts", attempts), ("now", clock.GetUtcNow()),
            ("sent_at", (object?)sentAt ?? DBNull.Value));

    private static string Truncate(string text, int max = 500) => text.Length > max ? text[..max] : text;

    [GeneratedRegex("^[A-Za-z0-9_]{1,30}$")]
    private static partial Regex AggregationUnit();
}
