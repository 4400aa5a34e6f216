using Membership.Contracts.Members;
using Membership.Testing.Web;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>A customer writes in LINE; the message appears live in the staff inbox; staff answer and LINE delivers it by reply.</summary>
public sealed class ConversationPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_customer_message_appears_live_and_the_staff_answer_goes_by_reply()
    {
        var user = await app.Line.CreateUserAsync("訂位顧客", follow: true);
        var members = app.Service<IMembersModule>();
        for (var i = 0; i < 300 && await members.FindByLineUserIdAsync(user) is null; i++)
        {
            await Task.Delay(200);
        }

        var page = await app.NewPageAsync();
        await page.SignInAsync("staff@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/conversations");
        await page.WaitForCircuitAsync();

        await app.Line.SendEventAsync(user, "message", text: "請問今晚還有位子嗎");
        var row = page.GetByTestId("conversation-row").Filter(new() { HasText = "請問今晚還有位子嗎" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 }); // no reload: the NOTIFY reached this console
        await Expect(row.GetByTestId("conversation-unread")).ToHaveTextAsync("1");

        await page.ClickUntilAsync(row, page.GetByTestId("thread-in").Filter(new() { HasText = "請問今晚還有位子嗎" }));
        await Expect(page.GetByTestId("conversation-send-by")).ToContainTextAsync("免費回覆");
        await page.RetryUntilAsync(() => page.Field("conversation-compose").FillAsync("有的，幫您保留 19:00 兩位"),
            page.Locator("[data-testid=conversation-send]:not([disabled])"));
        await page.GetByTestId("conversation-send").ClickAsync();
        await Expect(page.GetByTestId("thread-out").Filter(new() { HasText = "有的，幫您保留 19:00 兩位" })).ToContainTextAsync("免費回覆");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "conversations.png"), FullPage = true });

        var delivered = (await app.Line.MessagesAsync(user)).Where(m => (string?)m!["message"]?["text"] == "有的，幫您保留 19:00 兩位").ToList();
        Assert.Equal("reply", (string?)Assert.Single(delivered)!["endpoint"]);
        await Expect(page.GetByTestId("conversation-mode")).ToHaveTextAsync("真人");
    }
}
