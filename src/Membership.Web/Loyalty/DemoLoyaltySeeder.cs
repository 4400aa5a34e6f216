using System.Globalization;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Rewards;
using Membership.Contracts.Stamps;

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
    TimeProvider clock)
{
    private const string SeededBy = "demo";
    private const int MembersWithHistory = 150;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if ((await rewards.ListRewardsAsync(new PageRequest(1, 1), ct)).TotalCount > 0)
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
    /// Past purchases of the first members, recorded as imported history that earns points (no LINE pushes). Imported
    /// history stamps no card, so the members also get a stamp per visit, as staff would give them for paper cards.
    /// </summary>
    private async Task SeedPurchasesAsync(Guid? stampCard, CancellationToken ct)
    {
        var page = await members.ListAsync(new MemberQuery(), new PageRequest(1, MembersWithHistory), ct);
        var random = new Random(20261125);
        var now = clock.GetUtcNow();
        string[] categories = ["coffee", "tea", "bakery", "merch"];
        foreach (var member in page.Items)
        {
            var visits = random.Next(0, 8);
            for (var visit = 0; visit < visits; visit++)
            {
                var occurredAt = now.AddDays(-random.Next(1, 330)).AddMinutes(-random.Next(0, 600));
                var total = random.Next(8, 120) * 10m;
                var receipt = string.Create(CultureInfo.InvariantCulture, $"DEMO-{member.MemberCode}-{visit}");
                await points.RecordPurchaseAsync(new RecordPurchaseRequest(
                    receipt, new MemberReference(MemberId: member.Id), "MAIN", receipt, total, occurredAt, PurchaseChannels.Import,
                    [new PurchaseLine(null, categories[random.Next(categories.Length)], 1, total)], EarnPoints: true, RecordedBy: SeededBy), ct);
            }

            if (stampCard is { } card && visits > 0)
            {
                await stamps.AddStampsAsync(new AddStampsRequest(member.Id, card, visits, "紙本集點卡轉入（示範）", SeededBy, $"demo-stamps-{member.Id}"), ct);
            }
        }
    }
}
