using System.Net;
using System.Text.RegularExpressions;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Rewards;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Loyalty;

/// <summary>The member in LINE: coupons on /m/card, a reward chosen on /m/rewards becomes a pickup code; forged links see nothing.</summary>
public sealed partial class MobileRewardsTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_card_shows_usable_coupons_and_a_chosen_reward_gives_a_pickup_code_with_points_held()
    {
        var (member, token) = await RegisteredMemberAsync(points: 250);
        var coupon = await IssueCouponAsync(member);
        var rewards = app.Services.GetRequiredService<IRewardsModule>();
        var reward = await rewards.SaveRewardAsync(new SaveRewardRequest(null, "美式咖啡", "Americano", null, 200, 3, null, null, 0, true, "owner@demo.local"));
        await rewards.SaveRewardAsync(new SaveRewardRequest(null, "保溫瓶", null, null, 900, null, null, null, 0, true, "owner@demo.local"));
        var client = app.Factory.CreateBrowserlessClient();

        var card = await client.GetStringAsync($"/m/card?t={Uri.EscapeDataString(token)}");
        Assert.Contains(coupon.Code, card, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"card-rewards-link\"", card, StringComparison.Ordinal);

        var offers = await client.GetStringAsync($"/m/rewards?t={Uri.EscapeDataString(token)}");
        Assert.Contains("美式咖啡", offers, StringComparison.Ordinal);
        Assert.DoesNotContain("保溫瓶", offers, StringComparison.Ordinal); // not affordable
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "redeem-reward",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryPattern().Match(offers).Groups[1].Value),
            ["key"] = KeyPattern().Match(offers).Groups[1].Value,
            ["rewardId"] = reward.Id.ToString(),
        };
        var path = $"/m/rewards?t={Uri.EscapeDataString(token)}";
        var done = await (await client.PostAsync(path, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        var again = await (await client.PostAsync(path, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync(); // a double tap

        var code = CodePattern().Match(done).Groups[1].Value;
        Assert.Matches("^[2-9A-HJKMNP-Z]{6}$", code);
        Assert.Contains(code, again, StringComparison.Ordinal);
        Assert.Equal(50, (await app.Services.GetRequiredService<IPointsModule>().GetBalanceAsync(member.Id)).Balance);
        Assert.Equal(2, (await rewards.GetRewardAsync(reward.Id))!.Stock);
        Assert.Contains(code, await client.GetStringAsync($"/m/card?t={Uri.EscapeDataString(token)}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_link_shows_no_rewards()
    {
        var page = await app.Factory.CreateBrowserlessClient().GetStringAsync("/m/rewards?t=forged");

        Assert.Contains("link-refused", page, StringComparison.Ordinal);
        Assert.DoesNotContain("reward-offer", page, StringComparison.Ordinal);
    }

    private async Task<(MemberSummary Member, string Token)> RegisteredMemberAsync(int points)
    {
        var lineUserId = "U" + Guid.NewGuid().ToString("N");
        await app.Services.GetRequiredService<IMembersModule>().RecordLineFollowAsync(
            new LineFollow(lineUserId, DateTimeOffset.UtcNow, Guid.NewGuid().ToString(), false, "咖啡控", null, "zh-TW"));
        var terms = await app.Services.GetRequiredService<IPrivacyTermsCatalog>().GetCurrentAsync();
        var registered = await app.Services.GetRequiredService<IMemberRegistration>().RegisterAsync(new RegisterMemberRequest(
            lineUserId, "林小美", "0977" + Random.Shared.Next(100000, 999999), "1991-03-04", "Female", "TPE", null, terms.Version));
        var member = registered.Member!;
        await app.Services.GetRequiredService<IPointsModule>().GrantAsync(new GrantPointsRequest(member.Id, points, "test", "Start", $"start:{member.Id}"));
        return (member, app.Services.GetRequiredService<IMemberLinks>().CreateToken(lineUserId, MemberLinkPurpose.Card));
    }

    private async Task<MemberCoupon> IssueCouponAsync(MemberSummary member)
    {
        var coupons = app.Services.GetRequiredService<ICouponsModule>();
        var definition = await coupons.SaveDefinitionAsync(new SaveCouponDefinitionRequest(
            null, "生日 85 折", null, CouponKind.PercentOff, 15, null, null, null, 30, 1, null, CouponPurpose.Manual, 0, true, "owner@demo.local"));
        return (await coupons.IssueAsync(new IssueCouponRequest(definition.Id, member.Id, $"mobile:{member.Id}", "owner@demo.local"))).Coupon!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("name=\"key\" value=\"([^\"]+)\"")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("data-testid=\"reward-pending-code\">([^<]+)<")]
    private static partial Regex CodePattern();
}
