using Membership.Contracts.Coupons;
using Membership.Shared.Codes;

namespace Membership.Coupons.Tests;

/// <summary>Staff redeem codes at the counter on a real PostgreSQL: each refusal has its reason; a code is used once.</summary>
public sealed class CouponRedemptionTests(CouponsDatabase db) : IClassFixture<CouponsDatabase>
{
    [Fact]
    public async Task A_coupon_is_redeemed_once_and_the_second_time_is_refused_as_used()
    {
        var coupon = await db.IssueAsync(await db.AddDefinitionAsync(), db.Members.Add());

        var first = await db.Coupons.RedeemAsync(new RedeemCouponRequest(coupon.Code, "staff@test"));
        var second = await db.Coupons.RedeemAsync(new RedeemCouponRequest(coupon.Code, "staff@test"));

        Assert.Equal(CouponCheckOutcome.Redeemed, first.Outcome);
        Assert.Equal(1, first.Coupon!.UsedCount);
        Assert.Equal(CouponCheckOutcome.AlreadyUsed, second.Outcome);
        Assert.Contains(db.Members.Timeline.Values, e => e.MemberId == coupon.MemberId && e.Summary.StartsWith("使用優惠券", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Of_many_counters_redeeming_one_code_at_once_exactly_one_succeeds()
    {
        var coupon = await db.IssueAsync(await db.AddDefinitionAsync(), db.Members.Add());

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => db.Coupons.RedeemAsync(new RedeemCouponRequest(coupon.Code, $"counter-{i}")))));

        Assert.Single(results, r => r.Outcome == CouponCheckOutcome.Redeemed);
        Assert.All(results.Where(r => r.Outcome != CouponCheckOutcome.Redeemed), r => Assert.Equal(CouponCheckOutcome.AlreadyUsed, r.Outcome));
        Assert.Equal(1, (await db.Coupons.CheckAsync(coupon.Code)).Coupon!.UsedCount);
    }

    [Fact]
    public async Task A_coupon_for_three_uses_is_used_three_times_even_concurrently()
    {
        var coupon = await db.IssueAsync(await db.AddDefinitionAsync(usesPerCoupon: 3), db.Members.Add());

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => db.Coupons.RedeemAsync(new RedeemCouponRequest(coupon.Code, "staff@test")))));

        Assert.Equal(3, results.Count(r => r.Outcome == CouponCheckOutcome.Redeemed));
    }

    [Fact]
    public async Task An_expired_coupon_is_refused_and_stays_unused()
    {
        var coupon = await db.IssueAsync(await db.AddDefinitionAsync(validDays: 7), db.Members.Add());
        db.Clock.Advance(TimeSpan.FromDays(8));

        var result = await db.Coupons.RedeemAsync(new RedeemCouponRequest(coupon.Code, "staff@test"));

        Assert.Equal(CouponCheckOutcome.Expired, result.Outcome);
        Assert.Equal(0, result.Coupon!.UsedCount);
    }

    [Fact]
    public async Task A_coupon_before_its_first_day_is_refused_as_not_yet_valid()
    {
        var today = Membership.Shared.Time.TaipeiTime.Today(db.Clock);
        var coupon = await db.IssueAsync(await db.AddDefinitionAsync(validDays: null, validFrom: today.AddDays(3), validTo: today.AddDays(10)), db.Members.Add());

        var result = await db.Coupons.RedeemAsync(new RedeemCouponRequest(coupon.Code, "staff@test"));

        Assert.Equal(CouponCheckOutcome.NotYetValid, result.Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEFGHJK")]
    [InlineData("0OIL1-!!")]
    [InlineData("' OR 1=1 --")]
    public async Task An_unknown_or_malformed_code_is_refused_as_unknown(string code)
    {
        var result = await db.Coupons.RedeemAsync(new RedeemCouponRequest(code, "staff@test"));

        Assert.Equal(CouponCheckOutcome.UnknownCode, result.Outcome);
        Assert.Null(result.Coupon);
    }

    [Fact]
    public async Task Codes_are_ten_unambiguous_characters_and_typed_codes_may_have_dashes_and_lower_case()
    {
        var coupon = await db.IssueAsync(await db.AddDefinitionAsync(), db.Members.Add());

        Assert.Equal(10, coupon.Code.Length);
        Assert.All(coupon.Code, c => Assert.Contains(c, OneTimeCodes.Alphabet));
        var typed = $"{coupon.Code[..5].ToLowerInvariant()}-{coupon.Code[5..]}";
        Assert.Equal(CouponCheckOutcome.Usable, (await db.Coupons.CheckAsync(typed)).Outcome);
    }
}
