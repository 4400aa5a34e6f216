using Membership.Shared.Time;
using Membership.Testing;
using Membership.Tiers.Review;

namespace Membership.Tiers.Tests.Review;

public sealed class ReviewTiersJobTests(PostgresDatabaseFixture database) : TiersTestBase(database)
{
    private ReviewTiersJob Job => Module.Scoped<ReviewTiersJob>();

    [Fact]
    public async Task Nothing_changes_before_the_anniversary_even_when_spend_fell()
    {
        var member = Guid.NewGuid();
        await PurchaseAsync(member, 35_000);
        Module.Clock.Advance(TimeSpan.FromDays(200));

        await Job.RunAsync(CancellationToken.None);

        Assert.Equal("gold", (await Tiers.GetMemberTierAsync(member)).TierCode);
    }

    [Fact]
    public async Task At_the_review_a_member_whose_last_12_months_fall_short_is_downgraded()
    {
        var member = Guid.NewGuid();
        await PurchaseAsync(member, 35_000);
        Module.Clock.Advance(TimeSpan.FromDays(180));
        await PurchaseAsync(member, 12_000);
        Module.Clock.Advance(TimeSpan.FromDays(185)); // the first purchase left the window; the review is due

        var result = await Job.RunAsync(CancellationToken.None);

        Assert.True(result.Changed >= 1);
        var tier = await Tiers.GetMemberTierAsync(member);
        Assert.Equal("silver", tier.TierCode);
        Assert.Equal(TaipeiTime.Today(Module.Clock).AddYears(1), tier.ReviewOn);
        var last = (await RaisedAsync(member)).OrderBy(c => c.ChangedAt).Last();
        Assert.Equal(("gold", "silver", "review", false), (last.FromTierCode, last.ToTierCode, last.Reason, last.IsUpgrade));
        Assert.Equal("review", (await Tiers.GetHistoryAsync(member))[0].Reason);
    }

    [Fact]
    public async Task A_member_who_still_qualifies_keeps_the_tier_until_the_next_anniversary()
    {
        var member = Guid.NewGuid();
        await PurchaseAsync(member, 35_000);
        var firstReview = (await Tiers.GetMemberTierAsync(member)).ReviewOn!.Value;
        Module.Clock.Advance(TimeSpan.FromDays(180));
        await PurchaseAsync(member, 31_000);
        Module.Clock.Advance(TimeSpan.FromDays(185));

        await Job.RunAsync(CancellationToken.None);

        var tier = await Tiers.GetMemberTierAsync(member);
        Assert.Equal("gold", tier.TierCode);
        Assert.Equal(firstReview.AddYears(1), tier.ReviewOn);
        Assert.Single(await Tiers.GetHistoryAsync(member));
    }

    [Fact]
    public async Task Running_the_review_twice_changes_nothing_the_second_time()
    {
        var member = Guid.NewGuid();
        await PurchaseAsync(member, 12_000);
        Module.Clock.Advance(TimeSpan.FromDays(366));

        await Job.RunAsync(CancellationToken.None);
        var afterFirst = await Tiers.GetMemberTierAsync(member);
        var second = await Job.RunAsync(CancellationToken.None);

        Assert.Equal(("regular", (DateOnly?)null), (afterFirst.TierCode, afterFirst.ReviewOn));
        Assert.Equal(0, second.Reviewed);
        Assert.Equal(afterFirst, await Tiers.GetMemberTierAsync(member));
        Assert.Equal(2, (await Tiers.GetHistoryAsync(member)).Count);
        Assert.Equal(2, (await RaisedAsync(member)).Count);
    }
}
