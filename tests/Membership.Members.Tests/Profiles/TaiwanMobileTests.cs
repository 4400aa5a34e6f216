using Membership.Members.Profiles;

namespace Membership.Members.Tests.Profiles;

public sealed class TaiwanMobileTests
{
    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("0912-345-678", "0912345678")]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("  0912.345.678 ", "0912345678")]
    [InlineData("+886912345678", "0912345678")]
    [InlineData("+886 912 345 678", "0912345678")]
    [InlineData("+886-912-345-678", "0912345678")]
    [InlineData("886-912-345-678", "0912345678")]
    [InlineData("886912345678", "0912345678")]
    [InlineData("+886 0912 345 678", "0912345678")]
    [InlineData("(+886) 912-345-678", "0912345678")]
    public void Taiwan_mobiles_written_any_usual_way_normalise_to_ten_digits(string input, string expected) =>
        Assert.Equal(expected, TaiwanMobile.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("091234567")]      // nine digits
    [InlineData("09123456789")]    // eleven digits
    [InlineData("0212345678")]     // a Taipei landline
    [InlineData("+81 90 1234 5678")] // a Japanese mobile
    [InlineData("+1 912 345 6789")]
    [InlineData("0912-345-67a")]
    [InlineData("0912/345/678")]
    [InlineData("886 2 1234 5678")] // Taiwan landline, international
    public void Anything_else_is_not_a_taiwan_mobile(string? input) => Assert.Null(TaiwanMobile.Normalize(input));
}
