using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;
using Membership.Web.Tests.Members;

namespace Membership.Web.Tests.Line;

/// <summary>Customer-facing LINE texts follow the user's LINE language: English for <c>en…</c>, zh-TW otherwise.</summary>
public sealed class EnglishLineTextsTests(LineSandbox line) : IClassFixture<LineSandbox>
{
    [Fact]
    public async Task An_english_speaking_friend_is_greeted_answered_and_confirmed_in_english()
    {
        var userId = await line.CreateUserAsync("Emily", language: "en-US");

        await line.SendEventAsync(userId, "follow");
        var greeting = (string)(await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= 1))[0]!["message"]!["text"]!;
        await LineSandbox.EventuallyAsync(() => line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(userId), m => m is not null);
        await line.SendEventAsync(userId, "postback", data: RichMenuPostbacks.Card);
        var notYet = (string)(await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= 2))[1]!["message"]!["text"]!;
        await RegistrationForm.SubmitAsync(RegistrationForm.Client(line), RegistrationForm.LinkIn(greeting, "/m/register"), RegistrationForm.Valid("0966123456"));
        var messages = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= 3);
        var confirmation = (string)messages[2]!["message"]!["text"]!;

        Assert.StartsWith("Thanks for adding us as a friend!", greeting, StringComparison.Ordinal);
        Assert.Contains("/m/register", greeting, StringComparison.Ordinal);
        Assert.StartsWith("You are not a member yet.", notYet, StringComparison.Ordinal);
        Assert.Equal("push", (string?)messages[2]!["endpoint"]);
        Assert.StartsWith("Welcome to the membership", confirmation, StringComparison.Ordinal);
        Assert.Contains("/m/card", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("會員", greeting + notYet + confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chinese_speaking_friend_keeps_the_zh_tw_texts()
    {
        var userId = await line.CreateUserAsync("小美", language: "zh-TW");

        await line.SendEventAsync(userId, "follow");
        await LineSandbox.EventuallyAsync(() => line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(userId), m => m is not null);
        await line.SendEventAsync(userId, "postback", data: RichMenuPostbacks.Points);
        var messages = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count >= 2);

        Assert.StartsWith("歡迎加入好友", (string?)messages[0]!["message"]!["text"], StringComparison.Ordinal);
        Assert.StartsWith("註冊會員即可累積點數", (string?)messages[1]!["message"]!["text"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("en-GB", true)]
    [InlineData("EN-us", true)]
    [InlineData("zh-TW", false)]
    [InlineData("ja", false)]
    [InlineData(null, false)]
    public void English_is_any_en_language(string? language, bool english) =>
        Assert.Equal(english, CustomerLanguage.IsEnglish(language));
}
