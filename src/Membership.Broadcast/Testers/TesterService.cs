using Membership.Broadcast.Campaigns;
using Membership.Broadcast.Persistence;
using Membership.Contracts.Audit;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Line;
using Membership.Shared.Ids;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Broadcast.Testers;

/// <summary>The testers list (Owners flag members) and test sends of a campaign to them, before the real send.</summary>
internal sealed class TesterService(
    NpgsqlDataSource dataSource,
    IDbContextFactory<BroadcastDbContext> contexts,
    PersonalFieldsReader personalFields,
    ILineMessagingClient line,
    IAuditTrail audit,
    TimeProvider clock)
{
    private const string Testers = """
        SELECT t.member_id, p.member_code, p.name, p.line_user_id, p.line_user_id IS NOT NULL AND p.friend_status = 1, t.added_at, t.added_by
        FROM broadcast_testers t JOIN members_v_segment_profiles p ON p.member_id = t.member_id
        ORDER BY t.added_at
        """;

    public async Task<IReadOnlyList<CampaignTester>> ListAsync(CancellationToken ct) =>
        (await ReadAsync(ct)).Select(t => t.Tester).ToList();

    public async Task<AddTesterOutcome> AddAsync(string memberCode, string by, CancellationToken ct)
    {
        await using var find = dataSource.CreateCommand("SELECT member_id FROM members_v_segment_profiles WHERE member_code = @code");
        find.Parameters.AddWithValue("code", memberCode.Trim());
        if (await find.ExecuteScalarAsync(ct) is not Guid memberId)
        {
            return AddTesterOutcome.MemberNotFound;
        }

        await using var add = dataSource.CreateCommand("""
            INSERT INTO broadcast_testers (member_id, added_at, added_by) VALUES (@member, @now, @by) ON CONFLICT (member_id) DO NOTHING
            """);
        add.Parameters.AddWithValue("member", memberId);
        add.Parameters.AddWithValue("now", clock.GetUtcNow());
        add.Parameters.AddWithValue("by", by);
        if (await add.ExecuteNonQueryAsync(ct) == 0)
        {
            return AddTesterOutcome.AlreadyTester;
        }

        await audit.RecordAsync(new AuditRecord("campaign.tester-added", "member", memberId.ToString(), $"by {by}"), ct);
        return AddTesterOutcome.Added;
    }

    public async Task<bool> RemoveAsync(Guid memberId, string by, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var removed = await db.Testers.Where(t => t.MemberId == memberId).ExecuteDeleteAsync(ct) == 1;
        if (removed)
        {
            await audit.RecordAsync(new AuditRecord("campaign.tester-removed", "member", memberId.ToString(), $"by {by}"), ct);
        }

        return removed;
    }

    public async Task<TestSendResult> SendAsync(Guid campaignId, Guid sendKey, string by, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return new TestSendResult(false, 0, []);
        }

        var testers = await ReadAsync(ct);
        var errors = new List<string>();
        if (testers.Count == 0)
        {
            errors.Add("No testers yet: an Owner adds them by member code.");
        }

        var renderer = new MessageRenderer(campaign.MessagesJson, campaign.Links);
        var fields = await personalFields.ReadAsync(testers.Select(t => t.Tester.MemberId).ToArray(), ct);
        var sent = 0;
        foreach (var (tester, lineUserId) in testers)
        {
            if (lineUserId is null || !tester.Reachable)
            {
                errors.Add($"{tester.MemberCode}: not a LINE friend of the account.");
                continue;
            }

            var personal = (fields.GetValueOrDefault(tester.MemberId) ?? PersonalFields.Unknown) with
            {
                CouponCode = campaign.CouponDefinitionId is null ? null : SampleRenderer.SampleCouponCode,
            };
            try
            {
                var messages = await renderer.RenderAsync(personal);
                await line.PushAsync(new PushMessageRequest(lineUserId, messages), DeterministicGuid.From($"broadcast:test:{campaignId}:{tester.MemberId}:{sendKey}"), ct);
                sent++;
            }
            catch (Exception ex) when (ex is LineApiException or LineUnavailableException)
            {
                errors.Add($"{tester.MemberCode}: {ex.Message}");
            }
        }

        await audit.RecordAsync(new AuditRecord("campaign.test-sent", "campaign", campaignId.ToString(), $"{sent} testers; by {by}"), ct);
        return new TestSendResult(true, sent, errors);
    }

    private async Task<List<(CampaignTester Tester, string? LineUserId)>> ReadAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Testers);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var testers = new List<(CampaignTester, string?)>();
        while (await reader.ReadAsync(ct))
        {
            testers.Add((new CampaignTester(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6)), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return testers;
    }
}
