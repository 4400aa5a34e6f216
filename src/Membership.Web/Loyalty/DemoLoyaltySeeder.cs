using System.Globalization;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Rewards;
using Membership.Contracts.Stamps;
using Membership.Shared.Demo;

namespace Membership.Web.Loyalty;

/// <summary>
/// Demo mode: a small reward catalogue, coupon definitions, a stamp card and a purchase history for the demo members,
/// so the counter, the member page and <c>/m/card</c> have something to show. Runs only while the catalogue is empty.
/// </summary>
internal sealed class DemoLoyaltySeeder(
    IRewardsModule rewards,
    ICouponsModule coupons,
    IStampsModule stamps,
    IPointsModule points,
    IMembersModule members,
    IConfiguration configuration,
    TimeProvider clock) : IDemoSeeder
{
    private const string SeededBy = "demo";
    private const int MembersWithHistory = 240;

    public int Order => DemoSeedOrder.Loyalty;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        // The tests run in Demo mode without demo members: no catalogue or history for them.
        if (configuration.GetValue("Demo:Members", 0) <= 0 || (await rewards.ListRewardsAsync(new PageRequest(1, 1), ct)).TotalCount > 0)
        {
            return;
        }

        var stampCard = await SeedCatalogueAsync(ct);
        await SeedPurchasesAsync(stampCard, ct);
    }

    /// <returns>The stamp card's id.</returns>
    private async Task<Guid?> SeedCatalogueAsync(CancellationToken ct)
    {
        await rewards.SaveRewardAsync(new SaveRewardRequest(null, "中杯美式咖啡", "Medium Americano", null, 60, null, null, null, 0, true, SeededBy), ct);
        await rewards.SaveRewardAsync(new SaveRewardRequest(null, "品牌帆布袋", "Canvas tote bag", null, 250, 50, null, null, 0, true, SeededBy), ct);
        await rewards.SaveRewardAsync(new SaveRewardRequest(null, "金卡限定 手沖咖啡體驗", "Gold members: pour-over workshop", null, 500, 20, null, null, 2, true, SeededBy), ct);

        await coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "新會員 NT$50 折價券", "NT$50 off for new members", CouponKind.AmountOff, 50, null, null, null, 30, 1, null,
            CouponPurpose.Welcome, 0, true, SeededBy), ct);
        await coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "壽星 85 折", "Birthday 15% off", CouponKind.PercentOff, 15, null, null, null, 31, 1, null,
            CouponPurpose.Birthday, 0, true, SeededBy), ct);
        await coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "招待甜點一份", "A free dessert", CouponKind.FreeItem, 0, "甜點 / dessert", null, null, 60, 1, null,
            CouponPurpose.Manual, 0, true, SeededBy), ct);

        var card = await stamps.SaveDefinitionAsync(new StampCardDefinition(
            Guid.Empty, "咖啡集點卡", StampEarning.PerVisit, 1, null, null, 10, 365,
            [new StampReward(3, "免費加購蛋糕"), new StampReward(6, "中杯飲品一杯"), new StampReward(10, "大杯飲品一杯")], true), SeededBy, ct);
        return card.Id;
    }

    /// <summary>
    /// 18 months of past purchases of the first members, recorded as imported history that earns points (no LINE
    /// pushes), with varied habits so that scoring shows every RFM type and NES state: weekly and monthly regulars,
    /// quarterly big spenders, customers who stopped 3, 6 or 12 months ago, one-off buyers and new customers, and a few
    /// refunds. Imported history stamps no card, so the members also get a stamp per visit, as staff would give them for paper cards.
    /// </summary>
    private async Task SeedPurchasesAsync(Guid? stampCard, CancellationToken ct)
    {
        var page = await members.ListAsync(new MemberQuery(), new PageRequest(1, MembersWithHistory), ct);
        var random = new Random(20261125);
        var now = clock.GetUtcNow();
        string[] categories = ["coffee", "tea", "bakery", "merch"];
        // (cycle days, days since the last visit, visits, typical spend)
        (int Cycle, int Lapse, int Visits, int Spend)[] habits =
        [
            (7, 2, 60, 180), (14, 5, 30, 260), (30, 10, 16, 450), (90, 40, 6, 1600), (20, 25, 12, 300),
            (25, 185, 10, 900), (30, 370, 8, 350), (1, 200, 1, 120), (1, 6, 1, 220), (12, 3, 2, 150),
        ];
        var index = 0;
        foreach (var member in page.Items)
        {
            var habit = habits[index++ % habits.Length];
            var visits = Math.Max(1, habit.Visits + random.Next(-habit.Visits / 3, habit.Visits / 3 + 1));
            var visitsMade = 0;
            for (var visit = 0; visit < visits; visit++)
            {
                var daysAgo = habit.Lapse + (int)(visit * habit.Cycle * (0.7 + random.NextDouble() * 0.6));
                if (daysAgo > 540)
                {
                    break;
                }

                var occurredAt = now.AddDays(-daysAgo).AddMinutes(-random.Next(0, 600));
                var total = Math.Max(50, (int)(habit.Spend * (0.5 + random.NextDouble()))) / 10 * 10m;
                var receipt = string.Create(CultureInfo.InvariantCulture, $"DEMO-{member.MemberCode}-{visit}");
                var recorded = await points.RecordPurchaseAsync(new RecordPurchaseRequest(
                    receipt, new MemberReference(MemberId: member.Id), "MAIN", receipt, total, occurredAt, PurchaseChannels.Import,
                    [new PurchaseLine(null, categories[random.Next(categories.Length)], 1, total)], EarnPoints: true, RecordedBy: SeededBy), ct);
                visitsMade++;
                if (random.Next(40) == 0 && recorded.PurchaseId is { } purchaseId)
                {
                    var amount = random.Next(2) == 0 ? total : total / 2;
                    await points.RefundPurchaseAsync(new RefundPurchaseRequest($"{receipt}-refund", purchaseId, amount, "示範退貨", SeededBy), ct);
                }
            }

            if (stampCard is { } card && visitsMade > 0)
            {
                await stamps.AddStampsAsync(new AddStampsRequest(member.Id, card, Math.Min(visitsMade, 9), "紙本集點卡轉入（示範）", SeededBy, $"demo-stamps-{member.Id}"), ct);
            }
        }
    }
}
