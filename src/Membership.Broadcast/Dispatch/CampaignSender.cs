using System.Text.Json.Nodes;
using Membership.Broadcast.Campaigns;
using Membership.Broadcast.Persistence;
using Membership.Broadcast.Results;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Coupons;
using Membership.Contracts.Line;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Membership.Broadcast.Dispatch;

/// <param name="SharedMessagesJson">The rendering every recipient of a grouped personalised batch gets (multicast).</param>
internal sealed record PendingBatch(int Seq, Guid RetryKey, int Attempts, List<Guid> MemberIds, List<string> LineUserIds, string? SharedMessagesJson);

internal sealed record BatchOutcome(int Seq, int Status, DateTimeOffset NextAttemptAt, string? RequestId, string? Error);

/// <summary>
/// Sends one claimed campaign: has <see cref="CampaignFreeze"/> freeze its audience on the first claim, then sends its pending batches chunk by chunk with each batch's stored retry key, writing outcomes after each chunk.
/// Between chunks it renews its lease and stops when paused, cancelled or taken over.
/// </summary>
internal sealed partial class CampaignSender(
    NpgsqlDataSource dataSource,
    IDbContextFactory<BroadcastDbContext> contexts,
    CampaignFreeze freeze,
    ILineMessagingClient line,
    ICouponsModule coupons,
    LinkTokens tokens,
    PersonalFieldsReader personalFields,
    SendRateLimits limits,
    IOptions<BroadcastOptions> options,
    TimeProvider clock,
    ILogger<CampaignSender> logger)
{
    private BroadcastOptions Options => options.Value;

    public async Task<Guid?> ClaimAsync(string owner, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(CampaignSql.Claim);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("until", now + Options.Lease);
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    public async Task RunAsync(Guid campaignId, string owner, CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
            if (campaign.FrozenAt is null && !await freeze.FreezeAsync(campaign, owner, ct))
            {
                return;
            }

            var renderer = new MessageRenderer(campaign.MessagesJson, campaign.Links);
            var plain = campaign.Personalised ? null : renderer.Plain();
            // The outcomes of one chunk are written while the next chunk is sent (its batches are left out until then).
            Task? recording = null;
            int[] recordingSeqs = [];
            try
            {
                while (await RenewAsync(campaignId, owner, ct) == (int)CampaignStatus.Sending)
                {
                    var batches = await NextBatchesAsync(campaignId, recordingSeqs, ct);
                    if (batches.Count == 0)
                    {
                        if (recording is { } written)
                        {
                            (recording, recordingSeqs) = (null, []);
                            await written; // their retries may be due
                            continue;
                        }

                        if (await NextRetryAtAsync(campaignId, ct) is not { } next)
                        {
                            await FinishAsync(campaignId, owner, ct);
                            return;
                        }

                        var wait = next - clock.GetUtcNow();
                        await Task.Delay(wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, ct);
                        continue;
                    }

                    var fields = campaign.Personalised
                        ? await personalFields.ReadAsync(batches.Where(b => b.SharedMessagesJson is null).SelectMany(b => b.MemberIds).ToArray(), ct)
                        : null;
                    var outcomes = new BatchOutcome[batches.Count];
                    await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count),
                        new ParallelOptions { MaxDegreeOfParallelism = Math.Max(Options.Parallelism, 1), CancellationToken = ct },
                        async (i, token) => outcomes[i] = await SendAsync(campaign, batches[i], renderer, plain, fields, token));
                    if (recording is not null)
                    {
                        await recording;
                    }

                    // Not cancelled by a stop: what LINE accepted is written down before the sender lets go.
                    (recording, recordingSeqs) = (RecordAsync(campaignId, outcomes, CancellationToken.None), outcomes.Select(o => o.Seq).ToArray());
                }
            }
            finally
            {
                if (recording is not null)
                {
                    await recording;
                }
            }
        }
        finally
        {
            await ReleaseAsync(campaignId, owner);
        }
    }

    private async Task<BatchOutcome> SendAsync(
        CampaignRow campaign, PendingBatch batch, MessageRenderer renderer, IReadOnlyList<LineMessage>? plain,
        IReadOnlyDictionary<Guid, PersonalFields>? fields, CancellationToken ct)
    {
        string[] units = [campaign.AggregationUnit];
        try
        {
            LineSendResult result;
            if ((plain ?? Shared(batch)) is { } same)
            {
                using var lease = await limits.Multicast.AcquireAsync(1, ct);
                result = await line.MulticastAsync(new MulticastMessageRequest(batch.LineUserIds, same, CustomAggregationUnits: units), batch.RetryKey, ct);
            }
            else
            {
                var member = batch.MemberIds[0];
                var personal = fields!.GetValueOrDefault(member) ?? PersonalFields.Unknown;
                if (campaign.CouponDefinitionId is { } definition)
                {
                    // Keyed by campaign and member: a retried batch finds the coupon issued the first time.
                    var issued = await coupons.IssueAsync(new IssueCouponRequest(definition, member, $"campaign:{campaign.Id}:{member}", CouponIssuer(campaign.Id), NotifyMember: false), ct);
                    if (!issued.Succeeded)
                    {
                        return new BatchOutcome(batch.Seq, BatchStatus.Failed, clock.GetUtcNow(), null, $"The campaign's coupon could not be issued: {issued.Outcome}.");
                    }

                    personal = personal with { CouponCode = issued.Coupon!.Code, CouponName = issued.Coupon.Name };
                }

                var tracked = campaign.Links.Length == 0 ? null : await TrackedUrlsAsync(campaign, member, ct);
                var messages = await renderer.RenderAsync(personal, tracked);
                using var lease = await limits.Push.AcquireAsync(1, ct);
                result = await line.PushAsync(new PushMessageRequest(batch.LineUserIds[0], messages, CustomAggregationUnits: units), batch.RetryKey, ct);
            }

            return new BatchOutcome(batch.Seq, BatchStatus.Sent, clock.GetUtcNow(), result.RequestId ?? result.AcceptedRequestId, null);
        }
        catch (LineApiException ex) when (ex.StatusCode is not (429 or >= 500))
        {
            var details = ex.Details.Count == 0 ? "" : " (" + string.Join("; ", ex.Details.Select(d => $"{d.Property}: {d.Message}")) + ")";
            return new BatchOutcome(batch.Seq, BatchStatus.Failed, clock.GetUtcNow(), ex.RequestId, Truncate($"LINE {ex.StatusCode}: {ex.LineMessage}{details}"));
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            // LINE may have accepted it: the next attempt uses the same retry key and is answered 409 if so.
            var attempts = batch.Attempts + 1;
            if (attempts >= Options.MaxAttempts)
            {
                return new BatchOutcome(batch.Seq, BatchStatus.Failed, clock.GetUtcNow(), null, Truncate($"Gave up after {attempts} attempts: {ex.Message}"));
            }

            var delay = TimeSpan.FromMilliseconds(Math.Min(Options.MaxRetryDelay.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(attempts, 16))));
            return new BatchOutcome(batch.Seq, BatchStatus.Pending, clock.GetUtcNow() + delay, null, Truncate(ex.Message));
        }
    }

    private static IReadOnlyList<LineMessage>? Shared(PendingBatch batch) =>
        batch.SharedMessagesJson is { } json ? CampaignMessages.ToLine(JsonNode.Parse(json)!.AsArray().Select(m => m!)) : null;

    /// <summary>What the Coupons module records as the issuer of a campaign's coupons (the results count their redemptions).</summary>
    public static string CouponIssuer(Guid campaignId) => $"campaign:{campaignId}";

    private async Task<string[]> TrackedUrlsAsync(CampaignRow campaign, Guid member, CancellationToken ct)
    {
        var urls = new string[campaign.Links.Length];
        var root = Options.PublicBaseUrl!.AbsoluteUri.TrimEnd('/');
        for (var i = 0; i < urls.Length; i++)
        {
            urls[i] = $"{root}/r/{await tokens.CreateAsync(new LinkToken(campaign.Id, member, i), ct)}";
        }

        return urls;
    }

    private async Task<List<PendingBatch>> NextBatchesAsync(Guid campaignId, int[] recording, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CampaignSql.NextBatches);
        command.Parameters.AddWithValue("id", campaignId);
        command.Parameters.AddWithValue("recording", recording);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("limit", Math.Max(Options.ChunkSize, 1));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var batches = new List<PendingBatch>();
        while (await reader.ReadAsync(ct))
        {
            var seq = reader.GetInt32(0);
            if (batches.Count == 0 || batches[^1].Seq != seq)
            {
                batches.Add(new PendingBatch(seq, reader.GetGuid(1), reader.GetInt32(2), [], [], reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            batches[^1].MemberIds.Add(reader.GetGuid(3));
            batches[^1].LineUserIds.Add(reader.GetString(4));
        }

        return batches;
    }

    private async Task RecordAsync(Guid campaignId, BatchOutcome[] outcomes, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The recipients first: their update reads the batch outcomes from the arrays, not from the batch rows.
        await using (var recipients = new NpgsqlCommand(CampaignSql.RecordRecipients, connection, tx))
        {
            recipients.Parameters.AddWithValue("id", campaignId);
            recipients.Parameters.AddWithValue("now", now);
            recipients.Parameters.AddWithValue("seqs", outcomes.Select(o => o.Seq).ToArray());
            recipients.Parameters.AddWithValue("statuses", outcomes.Select(o => o.Status).ToArray());
            recipients.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => o.Error).ToArray() });
            await recipients.ExecuteNonQueryAsync(ct);
        }

        await using (var batches = new NpgsqlCommand(CampaignSql.RecordBatches, connection, tx))
        {
            batches.Parameters.AddWithValue("id", campaignId);
            batches.Parameters.AddWithValue("now", now);
            batches.Parameters.AddWithValue("seqs", outcomes.Select(o => o.Seq).ToArray());
            batches.Parameters.AddWithValue("statuses", outcomes.Select(o => o.Status).ToArray());
            batches.Parameters.AddWithValue("next_ats", outcomes.Select(o => o.NextAttemptAt).ToArray());
            batches.Parameters.Add(new NpgsqlParameter("request_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => o.RequestId).ToArray() });
            batches.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => o.Error).ToArray() });
            await batches.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        var sent = outcomes.Count(o => o.Status == BatchStatus.Sent);
        LogChunk(logger, campaignId, sent, outcomes.Count(o => o.Status == BatchStatus.Failed), outcomes.Count(o => o.Status == BatchStatus.Pending));
    }

    private async Task<int?> RenewAsync(Guid campaignId, string owner, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CampaignSql.Renew);
        command.Parameters.AddWithValue("id", campaignId);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("until", clock.GetUtcNow() + Options.Lease);
        return await command.ExecuteScalarAsync(ct) is int status ? status : null;
    }

    private async Task<DateTimeOffset?> NextRetryAtAsync(Guid campaignId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CampaignSql.NextRetryAt);
        command.Parameters.AddWithValue("id", campaignId);
        return await command.ExecuteScalarAsync(ct) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    private async Task FinishAsync(Guid campaignId, string owner, CancellationToken ct)
    {
        await dataSource.ExecuteAsync(CampaignSql.Finish, ct, ("id", campaignId), ("owner", owner), ("now", clock.GetUtcNow()));
        LogFinished(logger, campaignId);
    }

    private async Task ReleaseAsync(Guid campaignId, string owner)
    {
        try
        {
            await dataSource.ExecuteAsync(CampaignSql.Release, CancellationToken.None, ("id", campaignId), ("owner", owner));
        }
        catch (NpgsqlException ex)
        {
            LogReleaseFailed(logger, ex, campaignId); // the lease runs out by itself
        }
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Campaign {CampaignId}: {Sent} batches sent, {Failed} failed, {Retrying} to retry")]
    private static partial void LogChunk(ILogger logger, Guid campaignId, int sent, int failed, int retrying);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: send finished")]
    private static partial void LogFinished(ILogger logger, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: could not release the lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, Guid campaignId);
}
