using System.Data.Common;
using Membership.Broadcast.Campaigns;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Segmentation;
using Npgsql;

namespace Membership.Broadcast.Audience;

internal sealed record AudienceCounts(int Audience, int Reachable, int Capped, int Holdout, int Recipients);

/// <summary>Counts (preview) or freezes (recipients and batches, one transaction) a campaign's audience, set-based.</summary>
internal sealed class AudienceFreezer(NpgsqlDataSource dataSource, RenderingGroups renderingGroups, TimeProvider clock)
{
    /// <summary>Recipients per multicast (LINE's limit); a personalised campaign pushes one per request unless they share a rendering.</summary>
    public const int MulticastSize = 500;

    public async Task<AudienceCounts> CountAsync(Guid campaignId, SegmentSql audience, decimal holdoutPercent, BroadcastSettings settings, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(AudienceSql.Preview(audience.Sql));
        AddParameters(command, campaignId, audience, holdoutPercent, settings, onceInSeries: null);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new AudienceCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
    }

    /// <summary>
    /// Inserts the recipients and their batches (retry keys included) inside <paramref name="transaction"/>; returns how
    /// many will be sent to. The caller commits, or rolls back when the quota does not allow it.
    /// </summary>
    /// <param name="personalised">The renderer of a campaign rendered per recipient; its recipients who share a rendering are grouped into multicasts when <paramref name="groupable"/>.</param>
    /// <param name="groupable">False when every recipient's messages differ anyway (tracked links, a coupon each).</param>
    /// <param name="onceInSeries">The series of an occurrence sent "at most once per member": those it reached are skipped.</param>
    public async Task<int> FreezeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid campaignId, SegmentSql audience, decimal holdoutPercent,
        BroadcastSettings settings, MessageRenderer? personalised, bool groupable, Guid? onceInSeries, CancellationToken ct)
    {
        await using (var freeze = new NpgsqlCommand(AudienceSql.Freeze(audience.Sql), connection, transaction) { CommandTimeout = 0 })
        {
            AddParameters(freeze, campaignId, audience, holdoutPercent, settings, onceInSeries);
            freeze.Parameters.AddWithValue("batch_size", personalised is null ? MulticastSize : 1);
            await freeze.ExecuteNonQueryAsync(ct);
        }

        var shared = personalised is not null && groupable
            ? await renderingGroups.RenumberAsync(connection, transaction, campaignId, personalised, ct)
            : [];

        await using var batches = new NpgsqlCommand(AudienceSql.CreateBatches, connection, transaction) { CommandTimeout = 0 };
        batches.Parameters.AddWithValue("campaign_id", campaignId);
        batches.Parameters.AddWithValue("now", clock.GetUtcNow());
        var recipients = (int)(await batches.ExecuteScalarAsync(ct))!;
        if (shared.Count > 0)
        {
            await RenderingGroups.StoreAsync(connection, transaction, campaignId, shared, ct);
        }

        return recipients;
    }

    private void AddParameters(NpgsqlCommand command, Guid campaignId, SegmentSql audience, decimal holdoutPercent, BroadcastSettings settings, Guid? onceInSeries)
    {
        // Segmentation's parameters belong to one command: clone them for each.
        foreach (DbParameter parameter in audience.Parameters)
        {
            command.Parameters.Add(((NpgsqlParameter)parameter).Clone());
        }

        command.Parameters.AddWithValue("campaign_id", campaignId);
        command.Parameters.AddWithValue("seed", campaignId.ToString("N"));
        command.Parameters.AddWithValue("holdout_percent", holdoutPercent);
        command.Parameters.AddWithValue("cap_messages", settings.CapMessages);
        command.Parameters.AddWithValue("cap_since", clock.GetUtcNow().AddDays(-settings.CapDays));
        command.Parameters.Add(new NpgsqlParameter("series", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)onceInSeries ?? DBNull.Value });
    }
}
