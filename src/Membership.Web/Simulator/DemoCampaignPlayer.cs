using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Shared.Time;
using Membership.Web.Integration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Membership.Web.Simulator;

/// <summary>
/// Demo mode with demo members: one finished sample campaign whose results come from simulated customers. It sends a
/// campaign (personal field, tracked link, a coupon each, 20 % holdout) to the demo friends through the emulator, then
/// the customers act as customers do: they open it and tap the link (emulator and the app's <c>/r/</c> link), show
/// the coupon code at the POS (coupon API) and buy (purchase API), some holdout members buy too. Nothing is written
/// into result tables; the results page reads what these actions left. Runs once: a campaign with clicks is done.
/// </summary>
internal sealed partial class DemoCampaignPlayer(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IServer server,
    IHttpClientFactory httpClients,
    IConfiguration configuration,
    ILogger<DemoCampaignPlayer> logger) : BackgroundService
{
    public const string CampaignName = "範例：秋季回娘家";
    private const string CouponName = "回娘家 NT$50 折價券";
    private const string Shop = "https://shop.example.com/autumn";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        try
        {
            await PlayAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or EmulatorException or TimeoutException or InvalidOperationException)
        {
            LogFailed(logger, ex); // a demo nicety: the app works without it
        }
    }

    private async Task PlayAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var broadcast = scope.ServiceProvider.GetRequiredService<IBroadcastModule>();
        var existing = (await broadcast.ListCampaignsAsync(new PageRequest(1, 100), ct)).Items.FirstOrDefault(c => c.Name == CampaignName);
        if (existing is not null && (existing.Status != CampaignStatus.Sent || (await broadcast.GetResultsAsync(existing.Id, false, ct))!.Clicks > 0))
        {
            return;
        }

        var emulator = scope.ServiceProvider.GetRequiredService<EmulatorClient>();
        var friends = await DemoFriendsAsync(scope.ServiceProvider.GetRequiredService<IMemberDirectory>(), ct);
        await emulator.AddFriendsAsync(friends.Select(f => f.LineUserId!).ToList(), ct);
        var campaignId = existing?.Id ?? await SendAsync(scope.ServiceProvider, broadcast, ct);
        if (await WaitUntilSentAsync(broadcast, campaignId, ct) is not { } campaign)
        {
            return;
        }

        await ActAsync(broadcast, emulator, campaign, friends.ToDictionary(f => f.Id, f => f.LineUserId!), ct);
        LogPlayed(logger, campaign.Name);
    }

    private async Task<Guid> SendAsync(IServiceProvider services, IBroadcastModule broadcast, CancellationToken ct)
    {
        var coupons = services.GetRequiredService<ICouponsModule>();
        var coupon = (await coupons.ListActiveDefinitionsAsync(CouponPurpose.Campaign, ct)).FirstOrDefault(d => d.Name == CouponName)
            ?? await coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
                null, CouponName, "NT$50 off (come back)", CouponKind.AmountOff, 50, null, null, null, 14, 1, null, CouponPurpose.Campaign, 0, true, "demo"), ct);
        JsonElement[] messages =
        [
            JsonSerializer.SerializeToElement(new
            {
                type = "text",
                text = $"{{{{ name | default: \"親愛的會員\" }}}}，好久不見！秋季新品上市，送您一張{{{{ coupon_name }}}}，優惠碼 {{{{ coupon_code }}}}。看看新品：{Shop}",
            }),
        ];
        var created = await broadcast.CreateCampaignAsync(new CreateCampaignRequest(
            CampaignName, new CampaignAudience(AllFriends: true), messages, 20, 7, "demo", coupon.Id), ct);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => $"{e.Path}: {e.Message}")));
        }

        var scheduled = await broadcast.ScheduleAsync(new ScheduleCampaignRequest(created.Id!.Value, null, true, true, "demo"), ct);
        return scheduled.Outcome == ScheduleOutcome.Scheduled ? created.Id.Value : throw new InvalidOperationException(scheduled.Error);
    }

    /// <summary>Customers respond at fixed rates drawn from a seeded random, so every demo looks the same.</summary>
    private async Task ActAsync(IBroadcastModule broadcast, EmulatorClient emulator, Campaign campaign, Dictionary<Guid, string> lineIds, CancellationToken ct)
    {
        var random = new Random(2026);
        using var app = Http();
        var recipients = (await broadcast.ListRecipientsAsync(campaign.Id, null, new PageRequest(1, PageRequest.MaxPageSize), ct)).Items;
        foreach (var recipient in recipients.Where(r => lineIds.ContainsKey(r.MemberId)))
        {
            var userId = lineIds[recipient.MemberId];
            if (recipient.Status == RecipientStatus.Holdout)
            {
                if (random.NextDouble() < 0.12)
                {
                    await PurchaseAsync(app, userId, 80 + random.Next(0, 9) * 20, ct);
                }

                continue;
            }

            if (recipient.Status != RecipientStatus.Sent)
            {
                continue;
            }

            var deliveries = await emulator.MessagesAsync(userId, ct);
            var index = deliveries.Count - 1;
            var text = deliveries[index].Message.GetProperty("text").GetString() ?? "";
            var roll = random.NextDouble();
            if (roll < 0.55)
            {
                await emulator.OpenAsync(userId, index, ct);
            }

            if (roll < 0.30 && TrackedLink().Match(text) is { Success: true } link)
            {
                await emulator.ClickAsync(userId, index, link.Value, ct);
                await app.GetAsync(new Uri(link.Value).PathAndQuery, ct); // the app records the click and redirects
            }

            if (roll < 0.22)
            {
                if (CouponCode().Match(text) is { Success: true } code && roll < 0.16)
                {
                    await app.PostAsJsonAsync($"/api/v1/coupons/{code.Groups[1].Value}/redemptions", new { storeCode = "S001" }, ct);
                }

                await PurchaseAsync(app, userId, 120 + random.Next(0, 9) * 30, ct);
            }
        }
    }

    private static async Task PurchaseAsync(HttpClient app, string lineUserId, decimal total, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/purchases")
        {
            Content = JsonContent.Create(new
            {
                lineUserId, storeCode = "S001", receiptNumber = "DEMO-C-" + Guid.NewGuid().ToString("N")[..12], total,
                occurredAt = TaipeiTime.Now(TimeProvider.System).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                lines = new[] { new { sku = "AUTUMN-01", category = "飲品", quantity = 1, amount = total } },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        (await app.SendAsync(request, ct)).EnsureSuccessStatusCode();
    }

    private static async Task<List<MemberSummary>> DemoFriendsAsync(IMemberDirectory members, CancellationToken ct)
    {
        var friends = new List<MemberSummary>();
        for (var page = 1; ; page++)
        {
            var batch = await members.SearchAsync(new MemberQuery(FriendStatus: FriendStatus.Friend), new PageRequest(page, PageRequest.MaxPageSize), ct: ct);
            friends.AddRange(batch.Items.Where(m => m.LineUserId is not null));
            if (batch.Items.Count < PageRequest.MaxPageSize)
            {
                return friends;
            }
        }
    }

    private static async Task<Campaign?> WaitUntilSentAsync(IBroadcastModule broadcast, Guid campaignId, CancellationToken ct)
    {
        for (var i = 0; i < 240; i++)
        {
            var campaign = await broadcast.GetCampaignAsync(campaignId, ct);
            if (campaign?.Status is CampaignStatus.Sent)
            {
                return campaign;
            }

            if (campaign?.Status is CampaignStatus.Failed or CampaignStatus.Cancelled or null)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }

        return null;
    }

    private HttpClient Http()
    {
        var http = httpClients.CreateClient(nameof(DemoCampaignPlayer));
        http.BaseAddress = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        http.DefaultRequestHeaders.Add(IntegrationApi.HeaderName, DemoApiKeySeeder.PosSecret(configuration));
        return http;
    }

    private async Task<bool> StartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, ct));
        return !ct.IsCancellationRequested;
    }

    [GeneratedRegex(@"https?://\S+/r/[A-Za-z0-9_\-]+")]
    private static partial Regex TrackedLink();

    [GeneratedRegex(@"優惠碼 ([A-Z0-9]+)")]
    private static partial Regex CouponCode();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: customers answered the sample campaign {Name}")]
    private static partial void LogPlayed(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: the sample campaign could not be played")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
