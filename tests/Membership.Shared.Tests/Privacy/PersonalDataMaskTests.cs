using Membership.Shared.Privacy;

namespace Membership.Shared.Tests.Privacy;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("0912345678", "0912-***-678")]
    [InlineData("0912-345-678", "0912-***-678")]
    [InlineData("+886912345678", "***678")]
    [InlineData("12", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mobile_numbers_keep_only_the_prefix_and_the_last_three_digits(string? mobile, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Mobile(mobile));

    [Theory]
    [InlineData("owner@demo.local", "o***@demo.local")]
    [InlineData("a@b.tw", "a***@b.tw")]
    [InlineData("not-an-email", "***")]
    [InlineData("", "")]
    public void Emails_keep_only_the_first_letter_and_the_domain(string email, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Email(email));
}
