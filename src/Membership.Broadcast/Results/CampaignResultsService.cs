using System.Runtime.CompilerServices;
using Membership.Broadcast.Dispatch;
using Membership.Broadcast.Persistence;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Line;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Membership.Broadcast.Results;

/// <summary>The results of a campaign (查核): funnel, revenue and lift against the holdout, and LINE's own figures.</summary>
internal sealed partial class CampaignResultsService(
    NpgsqlDataSource dataSource,
    IDbContextFactory<BroadcastDbContext> contexts,
    ILineMessagingClient line,
    TimeProvider clock,
    ILogger<CampaignResultsService> logger)
{
    private static readonly TimeZoneInfo LineStatsZone = TimeZoneInfo.CreateCustomTimeZone("UTC+9", TimeSpan.FromHours(9), "UTC+9", "UTC+9");

    public async Task<IReadOnlyList<MemberCampaign>> ListForMemberAsync(Guid memberId, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Sent recipients by member and time: the frequency cap's index.
        return await db.Recipients.AsNoTracking()
            .Where(r => r.MemberId == memberId && r.Status == (int)RecipientStatus.Sent && r.SentAt != null)
            .OrderByDescending(r => r.SentAt).Take(Math.Clamp(limit, 1, 100))
            .Join(db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => new MemberCampaign(
                c.Id, c.Name, r.SentAt!.Value, db.Clicks.Any(k => k.CampaignId == c.Id && k.MemberId == memberId)))
            .ToListAsync(ct);
    }

    public async Task<CampaignResults?> GetAsync(Guid campaignId, bool lineFigures, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var groups = new Dictionary<int, LiftMath.Group>();
        await using (var reader = await Command(connection, ResultsSql.Groups, campaignId).ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                groups[reader.GetInt32(0)] = new(reader.GetInt64(1), reader.GetInt64(2), (double)reader.GetDecimal(3), (double)reader.GetDecimal(4));
            }
        }

        var sent = groups.GetValueOrDefault((int)RecipientStatus.Sent);
        var holdout = groups.GetValueOrDefault((int)RecipientStatus.Holdout);
        var audience = (int)(await Command(connection, ResultsSql.Audience, campaignId).ExecuteScalarAsync(ct))!;
        var (clicks, clickers) = await PairAsync(connection, ResultsSql.Clickers, campaignId, ct);
        var (issued, redeemed) = await PairAsync(connection, ResultsSql.Coupons, campaignId, ct);
        var links = await LinksAsync(connection, campaign, ct);
        var windowEnds = campaign.StartedAt?.AddDays(campaign.AttributionDays);

        return new CampaignResults(
            campaignId, campaign.AttributionDays, windowEnds, windowEnds is null || windowEnds > clock.GetUtcNow(), audience,
            (int)sent.Members, clicks, clickers, issued, redeemed, (int)sent.Converted, (decimal)sent.Revenue,
            new HoldoutResults((int)holdout.Members, (int)holdout.Converted, (decimal)holdout.Revenue),
            LiftMath.Conversion(sent, holdout), LiftMath.RevenuePerMember(sent, holdout), links,
            lineFigures ? await LineInsightAsync(campaign, ct) : null);
    }

    public async IAsyncEnumerable<RecipientOutcome> StreamOutcomesAsync(Guid campaignId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var reader = await Command(connection, ResultsSql.Outcomes, campaignId).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new RecipientOutcome(
                reader.GetGuid(0), reader.GetString(1), (RecipientStatus)reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5), reader.GetBoolean(6), reader.GetInt32(7),
                reader.GetDecimal(8));
        }
    }

    private static async Task<List<LinkResult>> LinksAsync(NpgsqlConnection connection, CampaignRow campaign, CancellationToken ct)
    {
        var counts = new Dictionary<int, (int Clicks, int Unique)>();
        await using (var reader = await Command(connection, ResultsSql.Links, campaign.Id).ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                counts[reader.GetInt16(0)] = (reader.GetInt32(1), reader.GetInt32(2));
            }
        }

        return campaign.Links.Select((url, i) => new LinkResult(i, url, counts.GetValueOrDefault(i).Clicks, counts.GetValueOrDefault(i).Unique)).ToList();
    }

    /// <summary>LINE's opens and clicks for the campaign's unit; null before the send, or when LINE cannot say.</summary>
    private async Task<LineInsight?> LineInsightAsync(CampaignRow campaign, CancellationToken ct)
    {
        if (campaign.StartedAt is not { } started)
        {
            return null;
        }

        var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(started, LineStatsZone).Date);
        var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), LineStatsZone).Date);
        to = to > from.AddDays(29) ? from.AddDays(29) : to; // LINE allows 30 days at most
        try
        {
            var statistics = await line.GetUnitStatisticsAsync(campaign.AggregationUnit, from, to, ct);
            return new LineInsight(statistics.Overview.UniqueImpression, statistics.Overview.UniqueClick);
        }
        catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
        {
            LogInsightUnavailable(logger, campaign.Id, ex.Message);
            return null;
        }
    }

    private static async Task<(int, int)> PairAsync(NpgsqlConnection connection, string sql, Guid campaignId, CancellationToken ct)
    {
        await using var reader = await Command(connection, sql, campaignId).ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, Guid campaignId)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", campaignId);
        command.Parameters.AddWithValue("issuer", CampaignSender.CouponIssuer(campaignId));
        return command;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: LINE's statistics are not available ({Reason})")]
    private static partial void LogInsightUnavailable(ILogger logger, Guid campaignId, string reason);
}
