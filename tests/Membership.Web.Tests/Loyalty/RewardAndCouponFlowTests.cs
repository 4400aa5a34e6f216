using System.Net;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Rewards;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Loyalty;

/// <summary>Rewards and coupons in the real host with the real Points module, and who may open their pages.</summary>
public sealed class RewardAndCouponFlowTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private IRewardsModule Rewards => app.Services.GetRequiredService<IRewardsModule>();

    private IPointsModule Points => app.Services.GetRequiredService<IPointsModule>();

    [Fact]
    public async Task A_counter_redemption_spends_real_points_once_and_lands_on_the_timeline()
    {
        var member = await MemberWithPointsAsync("0955000111", 300);
        var reward = await AddRewardAsync(cost: 120, stock: 2);
        var request = new RedeemRewardRequest(member.Id, reward.Id, Guid.NewGuid().ToString(), "staff@demo.local");

        var first = await Rewards.RedeemAtCounterAsync(request);
        var retry = await Rewards.RedeemAtCounterAsync(request);

        Assert.Equal(RewardRedemptionOutcome.Completed, first.Outcome);
        Assert.Equal(RewardRedemptionOutcome.Replayed, retry.Outcome);
        Assert.Equal(180, (await Points.GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(1, (await Rewards.GetRewardAsync(reward.Id))!.Stock);
        var timeline = await app.Services.GetRequiredService<IMembersModule>().GetTimelineAsync(member.Id, new PageRequest());
        Assert.Contains(timeline.Items, e => e.Kind == TimelineKinds.Reward);
    }

    [Fact]
    public async Task Short_of_real_points_nothing_changes_and_a_pending_code_is_confirmed_once()
    {
        var member = await MemberWithPointsAsync("0955000222", 100);
        var dear = await AddRewardAsync(cost: 101, stock: 1);
        var cheap = await AddRewardAsync(cost: 60, stock: 1);

        var refused = await Rewards.RequestPendingAsync(new RedeemRewardRequest(member.Id, dear.Id, "line:short"));
        var pending = await Rewards.RequestPendingAsync(new RedeemRewardRequest(member.Id, cheap.Id, "line:ok"));
        var confirmed = await Rewards.ConfirmPendingAsync(pending.Redemption!.Code!, "staff@demo.local");

        Assert.Equal(RewardRedemptionOutcome.InsufficientPoints, refused.Outcome);
        Assert.Equal(1, (await Rewards.GetRewardAsync(dear.Id))!.Stock);
        Assert.Equal(RewardRedemptionOutcome.Completed, confirmed.Outcome);
        Assert.Equal(40, (await Points.GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(0, (await Rewards.GetRewardAsync(cheap.Id))!.Stock);
    }

    [Fact]
    public async Task Staff_may_confirm_and_redeem_at_the_counter_but_not_edit_the_catalogue_or_coupons()
    {
        var staff = await app.Factory.SignedInClientAsync("staff@demo.local");
        var marketer = await app.Factory.SignedInClientAsync("marketer@demo.local");

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/rewards/confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/coupons/redeem")).StatusCode);
        foreach (var page in new[] { "/rewards", "/coupons" })
        {
            var refused = await staff.GetAsync(page);
            Assert.StartsWith("/account/access-denied", refused.Headers.Location?.AbsolutePath ?? "", StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await marketer.GetAsync(page)).StatusCode);
        }
    }

    [Fact]
    public async Task The_member_page_lists_the_members_coupons()
    {
        var member = await MemberWithPointsAsync("0955000333", 0);
        var coupons = app.Services.GetRequiredService<ICouponsModule>();
        var definition = await coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "來店禮 NT$80", null, CouponKind.AmountOff, 80, null, null, null, 30, 1, null, CouponPurpose.Manual, 0, true, "owner@demo.local"));
        var issued = await coupons.IssueAsync(new IssueCouponRequest(definition.Id, member.Id, $"test:{member.Id}", "owner@demo.local"));

        var page = await (await app.Factory.SignedInClientAsync("staff@demo.local")).GetStringAsync($"/members/{member.Id}");

        Assert.Contains(issued.Coupon!.Code, page, StringComparison.Ordinal);
        Assert.Contains("來店禮 NT$80", page, StringComparison.Ordinal);
    }

    private async Task<MemberSummary> MemberWithPointsAsync(string mobile, int points)
    {
        var directory = app.Services.GetRequiredService<IMemberDirectory>();
        var member = (await directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest(mobile, "兌換測試"))).Member;
        if (points > 0)
        {
            await Points.GrantAsync(new GrantPointsRequest(member.Id, points, "test", "Start", $"start:{member.Id}"));
        }

        return member;
    }

    private Task<Reward> AddRewardAsync(int cost, int? stock) =>
        Rewards.SaveRewardAsync(new SaveRewardRequest(null, $"好禮 {cost}", null, null, cost, stock, null, null, 0, true, "owner@demo.local"));
}
