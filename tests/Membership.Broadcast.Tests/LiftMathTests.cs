using Membership.Broadcast.Results;

namespace Membership.Broadcast.Tests;

public sealed class LiftMathTests
{
    [Fact]
    public void Conversion_lift_is_the_two_proportion_difference_with_its_95_percent_interval()
    {
        // 60 of 200 recipients bought (30 %), 20 of 100 holdout members (20 %):
        // se = sqrt(0.3·0.7/200 + 0.2·0.8/100) = sqrt(0.00265) = 0.0514782, half-width 1.959964 · se = 0.1008953.
        var lift = LiftMath.Conversion(new(200, 60, 0, 0), new(100, 20, 0, 0));

        Assert.NotNull(lift);
        Assert.Equal(0.10, lift.Difference, 6);
        Assert.Equal(-0.0008953, lift.Low, 6);
        Assert.Equal(0.2008953, lift.High, 6);
        Assert.False(lift.Significant);
    }

    [Fact]
    public void Revenue_lift_uses_each_groups_own_variance()
    {
        // Recipients: 40 members, 20 spent NT$100 (mean 50, variance 2564.10); holdout: 40 members, 10 spent NT$100 (mean 25, variance 1923.08).
        // se = sqrt(2564.1026/40 + 1923.0769/40) = 10.5915, half-width 20.7589.
        var lift = LiftMath.RevenuePerMember(new(40, 20, 2000, 200_000), new(40, 10, 1000, 100_000));

        Assert.NotNull(lift);
        Assert.Equal(25, lift.Difference, 6);
        Assert.Equal(25 - 20.7589, lift.Low, 3);
        Assert.Equal(25 + 20.7589, lift.High, 3);
        Assert.True(lift.Significant);
    }

    [Theory]
    [InlineData(29, 10, 100, 10)] // a group below the minimum size
    [InlineData(100, 2, 100, 2)]  // fewer than five conversions in all
    [InlineData(100, 0, 0, 0)]    // no holdout at all
    public void Below_the_minimum_there_is_not_enough_data(long treated, long treatedConverted, long control, long controlConverted)
    {
        Assert.Null(LiftMath.Conversion(new(treated, treatedConverted, 0, 0), new(control, controlConverted, 0, 0)));
    }
}
