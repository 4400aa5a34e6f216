using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Coupons;
using Membership.Testing;
using Membership.Testing.Line;
using Npgsql;

namespace Membership.Broadcast.Tests;

/// <summary>
/// A personalised campaign's recipients who share a rendering get it by one multicast per group (fewer requests, the
/// same quota); the rest get a push each, and every recipient still gets their own text exactly once.
/// </summary>
public sealed class GroupedRenderingTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : BroadcastTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    [Fact]
    public async Task Recipients_with_the_same_rendering_share_a_multicast_and_the_others_are_pushed()
    {
        var friends = await FriendsAsync(12, "group");
        // 8 without a name (the fallback), 2 named 小美, 2 with names of their own.
        string?[] names = [null, null, null, null, null, null, null, null, "小美", "小美", "阿明", "阿華"];
        for (var i = 0; i < friends.Count; i++)
        {
            await Database.ExecuteAsync("UPDATE members_members SET name = @name WHERE id = @id",
                new NpgsqlParameter("id", friends[i].MemberId), new NpgsqlParameter("name", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)names[i] ?? DBNull.Value });
        }

        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 0, Text("{{ name | default: \"親愛的會員\" }}，週末點數加倍"));
        // Half the answers are 500s: the retry of a grouped batch must carry the same stored rendering and key.
        await Emulator.SetFaultsAsync(new { failureRate = 0.5, statusCodes = new[] { 500 }, retryAfterSeconds = 0, seed = 3 });
        await SendNowAsync(campaign);
        await DispatchAsync(Module);

        var sent = await Broadcast.GetCampaignAsync(campaign);
        Assert.Equal((CampaignStatus.Sent, 12, 0), (sent!.Status, sent.Counts.Sent, sent.Counts.Failed));
        for (var i = 0; i < friends.Count; i++)
        {
            var received = await Emulator.MessagesAsync(friends[i].LineUserId);
            Assert.Equal($"{names[i] ?? "親愛的會員"}，週末點數加倍", (string)Assert.Single(received)!["message"]!["text"]!);
        }

        var requests = (await Emulator.Http.GetFromJsonAsync<JsonArray>("/_emulator/requests"))!.Select(r => r!).ToList();
        var accepted = requests.Where(r => (int)r["status"]! == 200).ToList();
        Assert.Equal(2, accepted.Count(r => (string?)r["endpoint"] == "multicast")); // the fallback's 8 and 小美's 2
        Assert.Equal(2, accepted.Count(r => (string?)r["endpoint"] == "push"));
    }

    [Fact]
    public async Task A_campaign_with_a_coupon_per_recipient_is_never_grouped()
    {
        var friends = await FriendsAsync(3, "nogroup");
        await Database.ExecuteAsync("UPDATE members_members SET name = NULL WHERE member_code LIKE 'nogroup%'");
        var definition = await Module.Scoped<ICouponsModule>().SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "群組測試券", null, CouponKind.AmountOff, 50, null, null, null, 14, 1, null, CouponPurpose.Campaign, 0, true, "marketer@test"));
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 0, definition.Id, Text("{{ name | default: \"親愛的會員\" }}，優惠碼 {{ coupon_code }}"));

        await SendNowAsync(campaign);
        await DispatchAsync(Module);

        var requests = (await Emulator.Http.GetFromJsonAsync<JsonArray>("/_emulator/requests"))!.Select(r => r!).ToList();
        Assert.Equal(3, requests.Count(r => (string?)r["endpoint"] == "push" && (int)r["status"]! == 200));
        Assert.DoesNotContain(requests, r => (string?)r["endpoint"] == "multicast");
        var codes = new HashSet<string>();
        foreach (var (_, userId) in friends)
        {
            codes.Add((string)Assert.Single(await Emulator.MessagesAsync(userId))!["message"]!["text"]!);
        }

        Assert.Equal(3, codes.Count);
    }
}
