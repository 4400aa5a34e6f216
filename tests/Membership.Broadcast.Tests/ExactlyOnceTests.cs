using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Broadcast;
using Membership.Testing;
using Membership.Testing.Line;

namespace Membership.Broadcast.Tests;

/// <summary>
/// Every recipient gets the campaign exactly once through the emulator over real HTTP: with injected 429/500s, with
/// answers lost after LINE accepted, across a stop in the middle of a send, and with two instances on one database.
/// </summary>
public sealed class ExactlyOnceTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : BroadcastTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    [Fact]
    public async Task With_30_percent_429_and_500_answers_each_friend_gets_the_multicast_once()
    {
        var friends = await FriendsAsync(1001, "fault"); // three multicasts: 500, 500, 1
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true));
        await Emulator.SetFaultsAsync(new { failureRate = 0.3, statusCodes = new[] { 429, 500 }, retryAfterSeconds = 0, seed = 7 });

        await SendNowAsync(campaign);
        await DispatchAsync(Module);

        await AssertEachGotOneAsync(campaign, friends);
        var accepted = await AcceptedRetryKeysAsync("multicast");
        Assert.Equal(3, accepted.Count);
    }

    [Fact]
    public async Task Answers_lost_after_LINE_accepted_are_retried_with_the_same_key_and_deliver_once()
    {
        var friends = await FriendsAsync(12, "lost");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 0, Text("{{ name | default: \"親愛的會員\" }}，生日快樂"));
        // Accepted sends answer after 6 s; the client gives up on an attempt after 2 s (of the test clock, which lags real time
        // on a loaded machine: hence the wide margin) and tries again with the same key.
        await Emulator.SetFaultsAsync(new { answerDelayMs = 6000 });

        await SendNowAsync(campaign);
        await DispatchAsync(Module);

        await AssertEachGotOneAsync(campaign, friends);
        var requests = await RequestsAsync("push");
        // Every push's answer was lost, and its retry with the same key was answered "already accepted".
        Assert.Equal(12, requests.Where(r => (int)r["status"]! == 409).Select(r => (string?)r["retryKey"]).Distinct().Count());
    }

    [Fact]
    public async Task A_send_stopped_in_the_middle_resumes_on_a_new_instance_without_sending_twice()
    {
        var friends = await FriendsAsync(60, "stop");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 0, Text("{{ name }}，本週點數加倍"));
        await SendNowAsync(campaign);
        var first = NewInstance(new Dictionary<string, string?> { ["Broadcast:PushPerSecond"] = "20", ["Broadcast:ChunkSize"] = "5" });

        using (var stop = new CancellationTokenSource())
        {
            var sending = DispatchAsync(first, stop.Token);
            // Stopped once some pushes are recorded (a loaded machine may take a while to freeze the audience first).
            for (var i = 0; i < 600 && (await Broadcast.GetCampaignAsync(campaign))!.Counts.Sent == 0; i++)
            {
                await Task.Delay(50);
            }

            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        }

        await first.DisposeAsync();
        var partly = await Broadcast.GetCampaignAsync(campaign);
        Assert.Equal(CampaignStatus.Sending, partly!.Status);
        Assert.InRange(partly.Counts.Sent, 1, 59);

        await DispatchAsync(NewInstance());

        await AssertEachGotOneAsync(campaign, friends);
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_each_recipient_once()
    {
        var friends = await FriendsAsync(80, "two");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 0, Text("{{ name }}，新品上市"));
        await SendNowAsync(campaign);
        var settings = new Dictionary<string, string?> { ["Broadcast:PushPerSecond"] = "200", ["Broadcast:ChunkSize"] = "10" };
        var (a, b) = (NewInstance(settings), NewInstance(settings));

        await Task.WhenAll(DispatchAsync(a), DispatchAsync(b));

        await AssertEachGotOneAsync(campaign, friends);
    }

    private async Task AssertEachGotOneAsync(Guid campaignId, List<(Guid MemberId, string LineUserId)> friends)
    {
        var campaign = await Broadcast.GetCampaignAsync(campaignId);
        Assert.True(campaign!.Status == CampaignStatus.Sent, $"{campaign.Status} {campaign.Personalised} {campaign.Counts} {campaign.Error}");
        Assert.Equal((friends.Count, 0, 0), (campaign.Counts.Sent, campaign.Counts.Failed, campaign.Counts.Pending));
        var counts = new List<int>();
        foreach (var (_, userId) in friends)
        {
            counts.Add((await Emulator.MessagesAsync(userId)).Count);
        }

        Assert.All(counts, c => Assert.Equal(1, c));
    }

    private async Task<List<JsonNode>> RequestsAsync(string endpoint) =>
        (await Emulator.Http.GetFromJsonAsync<JsonArray>("/_emulator/requests"))!
            .Where(r => (string?)r!["endpoint"] == endpoint).Select(r => r!).ToList();

    private async Task<HashSet<string>> AcceptedRetryKeysAsync(string endpoint) =>
        (await RequestsAsync(endpoint)).Where(r => (int)r["status"]! == 200).Select(r => (string)r["retryKey"]!).ToHashSet();
}
