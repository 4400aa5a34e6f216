using Membership.Members.Profiles;

namespace Membership.Members.Tests.Profiles;

public sealed class MemberCodesTests
{
    [Fact]
    public void A_new_code_has_twelve_digits_no_leading_zero_and_a_valid_luhn_check_digit()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = MemberCodes.New();
            Assert.Equal(12, code.Length);
            Assert.All(code, c => Assert.True(char.IsAsciiDigit(c)));
            Assert.NotEqual('0', code[0]);
            Assert.True(MemberCodes.IsValid(code), code);
        }
    }

    [Fact]
    public void Codes_are_random_not_sequential()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => MemberCodes.New()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        var firstDigits = codes.Select(c => c[0]).Distinct().Count();
        Assert.True(firstDigits >= 8, $"only {firstDigits} different first digits");
    }

    [Theory]
    [InlineData("7992739871", '3')] // the classic Luhn example 79927398713
    [InlineData("00000000000", '0')]
    [InlineData("12345678901", '5')]
    public void The_check_digit_is_luhn(string digits, char expected) => Assert.Equal(expected, MemberCodes.CheckDigit(digits));

    [Theory]
    [InlineData("123456789015")]
    public void A_mistyped_digit_or_swapped_neighbours_are_caught(string code)
    {
        Assert.True(MemberCodes.IsValid(code));
        Assert.False(MemberCodes.IsValid("123466789015"));
        Assert.False(MemberCodes.IsValid("132456789015"));
        Assert.False(MemberCodes.IsValid("123456789051"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345678901")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    public void Malformed_codes_are_not_valid(string? code) => Assert.False(MemberCodes.IsValid(code));
}
