using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Broadcast.Results;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Testing;
using Membership.Testing.Fakes;
using Membership.Testing.Line;
using Membership.Testing.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Broadcast.Tests;

/// <summary>Tracked links, coupons issued per recipient, and results with lift on hand-built purchases with known numbers.</summary>
public sealed class ResultsTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : BroadcastTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    private const string Shop = "https://shop.example.tw/autumn?utm_source=line";
    private const string Image = "https://cdn.example.tw/autumn.jpg";

    [Fact]
    public async Task Each_recipient_gets_own_tracked_links_a_click_is_recorded_once_per_token_and_redirects()
    {
        var friends = await FriendsAsync(3, "link");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 0,
            Text($"秋季新品上市：{Shop}。"),
            JsonSerializer.SerializeToElement(new
            {
                type = "template", altText = "秋季新品",
                template = new { type = "buttons", thumbnailImageUrl = Image, text = "看看新品", actions = new[] { new { type = "uri", label = "逛逛", uri = Shop } } },
            }));
        await SendNowAsync(campaign);
        await DispatchAsync(Module);
        await using var server = await LinkServer.StartAsync(Module);

        var first = await DeliveredAsync(friends[0].LineUserId);
        var second = await DeliveredAsync(friends[1].LineUserId);
        var textLink = TrackedUrl((string)first[0]!["text"]!);
        var buttonLink = (string)first[1]!["template"]!["actions"]![0]!["uri"]!;
        var clicked = await server.Http.GetAsync(new Uri(textLink).PathAndQuery);
        var again = await server.Http.GetAsync(new Uri(textLink).PathAndQuery);
        var tampered = await server.Http.GetAsync(new Uri(textLink).PathAndQuery[..^2] + "xx");
        var results = await Broadcast.GetResultsAsync(campaign);

        Assert.StartsWith("https://crm.test.example/r/", textLink, StringComparison.Ordinal);
        Assert.EndsWith("。", (string)first[0]!["text"]!, StringComparison.Ordinal); // the sentence's full stop is not part of the link
        Assert.Equal(textLink, buttonLink); // one link, one token per recipient
        Assert.NotEqual(textLink, TrackedUrl((string)second[0]!["text"]!));
        Assert.Equal(Image, (string)first[1]!["template"]!["thumbnailImageUrl"]!); // images are not links
        Assert.Equal(HttpStatusCode.Redirect, clicked.StatusCode);
        Assert.Equal(Shop, clicked.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Contains("此連結無效", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((2, 1), (results!.Clicks, results.UniqueClickers));
        Assert.Equal(1, await Database.CountAsync("SELECT count(*) FROM broadcast_clicks"));
        Assert.Equal(Shop, Assert.Single(results.Links).Url);

        // Beside the chat: what each member received, and whether they clicked.
        var clicker = Assert.Single(await Broadcast.ListMemberCampaignsAsync(friends[0].MemberId));
        Assert.Equal((campaign, true), (clicker.CampaignId, clicker.Clicked));
        Assert.False(Assert.Single(await Broadcast.ListMemberCampaignsAsync(friends[1].MemberId)).Clicked);
        Assert.Empty(await Broadcast.ListMemberCampaignsAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_campaign_coupon_is_issued_once_per_recipient_across_failed_attempts_and_its_code_is_sent()
    {
        var friends = await FriendsAsync(20, "coupon");
        var definition = await Module.Scoped<ICouponsModule>().SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "回娘家 50 元折價券", null, CouponKind.AmountOff, 50, null, null, null, 14, 1, null, CouponPurpose.Campaign, 0, true, "marketer@test"));
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 0, definition.Id,
            Text("{{ name }}，送您{{ coupon_name }}，優惠碼 {{ coupon_code }}"));
        await Emulator.SetFaultsAsync(new { failureRate = 0.3, statusCodes = new[] { 500 }, retryAfterSeconds = 0, seed = 11 });

        await SendNowAsync(campaign);
        await DispatchAsync(Module);
        await Emulator.ClearFaultsAsync();

        var coupons = Module.Scoped<ICouponsModule>();
        foreach (var (member, userId) in friends)
        {
            var issued = Assert.Single(await coupons.GetMemberCouponsAsync(member, usableOnly: false));
            var delivered = Assert.Single(await Emulator.MessagesAsync(userId));
            Assert.Contains($"優惠碼 {issued.Code}", (string)delivered!["message"]!["text"]!, StringComparison.Ordinal);
            Assert.Equal($"campaign:{campaign}", issued.IssuedBy);
        }

        var code = (await coupons.GetMemberCouponsAsync(friends[0].MemberId, usableOnly: false))[0].Code;
        Assert.True((await coupons.RedeemAsync(new RedeemCouponRequest(code, "staff@test"))).Succeeded);
        var results = await Broadcast.GetResultsAsync(campaign);
        Assert.Equal((20, 1), (results!.CouponsIssued, results.Redemptions));
    }

    [Fact]
    public async Task Results_count_each_members_purchases_in_their_window_against_the_holdout()
    {
        var friends = await FriendsAsync(120, "lift");
        var campaign = await CampaignAsync(new CampaignAudience(AllFriends: true), 30);
        await SendNowAsync(campaign);
        await DispatchAsync(Module);
        var recipients = (await Broadcast.ListRecipientsAsync(campaign, null, new PageRequest(1, 500))).Items;
        var sent = recipients.Where(r => r.Status == RecipientStatus.Sent).ToList();
        var holdout = recipients.Where(r => r.Status == RecipientStatus.Holdout).ToList();
        var started = (await Broadcast.GetCampaignAsync(campaign))!.StartedAt!.Value;

        // 24 recipients buy NT$100 a day after their send; one also bought before it, one only 8 days after (outside 7 days),
        // one bought and refunded in full. 6 holdout members buy NT$250 two days after the start.
        foreach (var r in sent.Take(24))
        {
            await Database.PurchaseAsync(r.MemberId, 100, r.SentAt!.Value.AddDays(1));
        }

        await Database.PurchaseAsync(sent[0].MemberId, 999, sent[0].SentAt!.Value.AddHours(-1));
        await Database.PurchaseAsync(sent[30].MemberId, 999, sent[30].SentAt!.Value.AddDays(8));
        await Database.PurchaseAsync(sent[31].MemberId, 999, sent[31].SentAt!.Value.AddDays(2), refunded: 999);
        foreach (var h in holdout.Take(6))
        {
            await Database.PurchaseAsync(h.MemberId, 250, started.AddDays(2));
        }

        var results = (await Broadcast.GetResultsAsync(campaign))!;

        Assert.True(holdout.Count >= 30, $"holdout {holdout.Count}");
        Assert.Equal(120, results.Audience);
        Assert.Equal((sent.Count, 24, 2400m), (results.Sent, results.Purchasers, results.Revenue));
        Assert.Equal((holdout.Count, 6, 1500m), (results.Holdout.Members, results.Holdout.Purchasers, results.Holdout.Revenue));
        var (p1, p2) = (24.0 / sent.Count, 6.0 / holdout.Count);
        var half = 1.959964 * Math.Sqrt(p1 * (1 - p1) / sent.Count + p2 * (1 - p2) / holdout.Count);
        Assert.NotNull(results.ConversionLift);
        Assert.Equal(p1 - p2, results.ConversionLift.Difference, 9);
        Assert.Equal(p1 - p2 - half, results.ConversionLift.Low, 9);
        Assert.Equal(p1 - p2 + half, results.ConversionLift.High, 9);
        Assert.True(results.WindowOpen);

        var outcomes = new List<RecipientOutcome>();
        await foreach (var o in Broadcast.StreamOutcomesAsync(campaign))
        {
            outcomes.Add(o);
        }

        Assert.Equal(120, outcomes.Count);
        Assert.Equal(3900m, outcomes.Sum(o => o.Revenue));
        Assert.Equal(0, outcomes.Single(o => o.MemberId == sent[30].MemberId).Purchases);
    }

    private async Task<JsonArray> DeliveredAsync(string userId) =>
        new((await Emulator.MessagesAsync(userId)).Select(m => m!["message"]!.DeepClone()).ToArray());

    private static string TrackedUrl(string text)
    {
        var start = text.IndexOf("https://crm.test.example/r/", StringComparison.Ordinal);
        var end = text.IndexOf('。', start);
        return text[start..end];
    }

    /// <summary>The tracked-link endpoint on real Kestrel, with the module instance's services.</summary>
    private sealed class LinkServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private LinkServer(WebApplication app, HttpClient http) => (_app, Http) = (app, http);

        public HttpClient Http { get; }

        public static async Task<LinkServer> StartAsync(ModuleServices module)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton(module.Get<LinkTokens>()).AddSingleton(module.Get<NpgsqlDataSource>()).AddSingleton<TimeProvider>(module.Clock);
            var app = builder.Build();
            app.MapTrackedLinks();
            await app.StartAsync();
            var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First()) };
            return new LinkServer(app, http);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _app.DisposeAsync();
        }
    }
}
