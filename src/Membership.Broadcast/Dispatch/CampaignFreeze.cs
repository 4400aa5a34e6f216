using System.Text.Json;
using Membership.Broadcast.Audience;
using Membership.Broadcast.Campaigns;
using Membership.Broadcast.Persistence;
using Membership.Broadcast.Settings;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Segmentation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Broadcast.Dispatch;

/// <summary>
/// Starts a claimed campaign's send: outside quiet hours (or when told to ignore them) and within LINE's remaining
/// quota, freezes its audience into recipients and batches in one transaction and marks it started.
/// </summary>
internal sealed partial class CampaignFreeze(
    NpgsqlDataSource dataSource,
    IDbContextFactory<BroadcastDbContext> contexts,
    ISegmentationModule segmentation,
    AudienceResolver audiences,
    AudienceFreezer freezer,
    BroadcastSettingsStore settingsStore,
    QuotaCheck quota,
    TimeProvider clock,
    ILogger<CampaignFreeze> logger)
{
    /// <summary>Freezes the audience and its batches in one transaction; false when the send must not start now.</summary>
    public async Task<bool> FreezeAsync(CampaignRow campaign, string owner, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(ct);
        var now = clock.GetUtcNow();
        if (!campaign.IgnoreQuietHours && QuietHours.Contains(settings, now))
        {
            await dataSource.ExecuteAsync(CampaignSql.Defer, ct, ("id", campaign.Id), ("owner", owner), ("at", QuietHours.NextAllowed(settings, now)), ("now", now));
            LogDeferred(logger, campaign.Id);
            return false;
        }

        var (_, remaining) = await quota.RemainingAsync(ct);
        SegmentSql audience;
        try
        {
            audience = await audiences.CompileAsync(AudienceJson.Read(campaign.AudienceJson, segmentation), ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidSegmentDefinitionException)
        {
            await dataSource.ExecuteAsync(CampaignSql.Fail, ct, ("id", campaign.Id), ("error", ex.Message), ("now", now));
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockRow = new NpgsqlCommand(CampaignSql.LockForFreeze, connection, tx))
        {
            lockRow.Parameters.AddWithValue("id", campaign.Id);
            await using var reader = await lockRow.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var (status, frozen) = (reader.GetInt32(0), reader.GetBoolean(1));
            if (status != (int)CampaignStatus.Scheduled || frozen)
            {
                return status == (int)CampaignStatus.Sending && frozen;
            }
        }

        var recipients = await freezer.FreezeAsync(
            connection, tx, campaign.Id, audience, campaign.HoldoutPercent, settings,
            campaign.Personalised ? new MessageRenderer(campaign.MessagesJson, campaign.Links) : null,
            groupable: campaign.Links.Length == 0 && campaign.CouponDefinitionId is null, await OnceInSeriesAsync(campaign, ct), ct);
        if (remaining is { } left && recipients > left)
        {
            await tx.RollbackAsync(ct);
            var error = $"The campaign needs {recipients:N0} messages; {left:N0} remain in this month's LINE quota. Nothing was sent.";
            await dataSource.ExecuteAsync(CampaignSql.Fail, ct, ("id", campaign.Id), ("error", error), ("now", now));
            LogQuotaRefused(logger, campaign.Id, recipients, left);
            return false;
        }

        await using (var started = new NpgsqlCommand(CampaignSql.Started, connection, tx))
        {
            started.Parameters.AddWithValue("id", campaign.Id);
            started.Parameters.AddWithValue("now", now);
            started.Parameters.AddWithValue("frozen", clock.GetUtcNow());
            await started.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        LogFrozen(logger, campaign.Id, recipients);
        return true;
    }

    /// <summary>The campaign's series when that series is sent at most once per member.</summary>
    private async Task<Guid?> OnceInSeriesAsync(CampaignRow campaign, CancellationToken ct)
    {
        if (campaign.SeriesId is not { } series)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var rule = await db.Campaigns.Where(c => c.Id == series).Select(c => c.RecurrenceJson).SingleOrDefaultAsync(ct);
        return rule is not null && JsonSerializer.Deserialize<CampaignRecurrence>(rule, CampaignMessages.Json)!.AtMostOnce ? series : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: inside quiet hours, the send waits for their end")]
    private static partial void LogDeferred(ILogger logger, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId} refused: needs {Needed} messages, {Remaining} remain in LINE's quota")]
    private static partial void LogQuotaRefused(ILogger logger, Guid campaignId, int needed, long remaining);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: audience frozen, {Recipients} recipients")]
    private static partial void LogFrozen(ILogger logger, Guid campaignId, int recipients);
}
