using Membership.Contracts.Conversations;
using Membership.Testing.Web;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>
/// A customer writes in the simulator; the message appears live in the staff inbox; staff answer with a canned response and
/// LINE delivers it by reply to the simulator.
/// </summary>
public sealed class ConversationPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_customer_message_appears_live_and_the_staff_answer_from_a_canned_response_reaches_the_simulator_by_reply()
    {
        const string Answer = "貴賓您好，已為您保留今晚 19:00 兩位。";
        var customer = await app.NewPageAsync(); // the marketer's browser: writes the canned response, then plays the customer
        await customer.SignInAsync("marketer@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await customer.GotoAsync("/conversations/canned-responses");
        await customer.WaitForCircuitAsync();
        await customer.Field("canned-title").FillAsync("訂位確認");
        await customer.Field("canned-shortcut").FillAsync("booking");
        await customer.Field("canned-text").FillAsync("{{ name | default: \"貴賓\" }}您好，已為您保留今晚 19:00 兩位。");
        await customer.RetryUntilAsync(() => customer.GetByTestId("canned-save").ClickAsync(), customer.GetByTestId("canned-row-title"));
        await Expect(customer.GetByTestId("canned-row-title").Filter(new() { HasText = "訂位確認" })).ToBeVisibleAsync();

        var user = await app.Line.CreateUserAsync("訂位顧客");
        await customer.GotoAsync("/simulator");
        await customer.ClickUntilAsync(customer.Locator($"[data-testid=user-option][data-user-id={user}]"), customer.GetByTestId("follow-button"));
        await customer.GetByTestId("follow-button").ClickAsync();
        await Expect(customer.GetByTestId("bubble-in").First).ToContainTextAsync("/m/register", new() { Timeout = 45_000 }); // the greeting

        var staff = await app.NewPageAsync();
        await staff.SignInAsync("staff@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await staff.GotoAsync("/conversations");
        await staff.WaitForCircuitAsync();

        await customer.GetByTestId("message-input").FillAsync("請問今晚還有位子嗎");
        await customer.GetByTestId("send-button").ClickAsync();
        var row = staff.GetByTestId("conversation-row").Filter(new() { HasText = "請問今晚還有位子嗎" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 }); // no reload: the NOTIFY reached this console
        await Expect(row.GetByTestId("conversation-unread")).ToHaveTextAsync("1");

        await staff.ClickUntilAsync(row, staff.GetByTestId("thread-in").Filter(new() { HasText = "請問今晚還有位子嗎" }));
        await Expect(staff.GetByTestId("conversation-send-by")).ToContainTextAsync("免費回覆");
        var suggestion = staff.GetByTestId("canned-suggestions").GetByText("訂位確認");
        await staff.RetryUntilAsync(() => staff.Field("conversation-compose").FillAsync("/book"), suggestion);
        await suggestion.ClickAsync();
        await Expect(staff.Field("conversation-compose")).ToHaveValueAsync(Answer); // filled with this customer's fields
        await staff.GetByTestId("conversation-send").ClickAsync();
        await Expect(staff.GetByTestId("thread-out").Filter(new() { HasText = Answer })).ToContainTextAsync("免費回覆");
        await staff.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "conversations.png"), FullPage = true });

        await Expect(customer.GetByTestId("bubble-in").Filter(new() { HasText = Answer })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "conversations-simulator.png"), FullPage = true });
        var delivered = (await app.Line.MessagesAsync(user)).Where(m => (string?)m!["message"]?["text"] == Answer).ToList();
        Assert.Equal("reply", (string?)Assert.Single(delivered)!["endpoint"]);
        await Expect(staff.GetByTestId("conversation-mode")).ToHaveTextAsync("真人");

        // Beside the chat: a friend who has not registered; the registration link goes into the answer box.
        await Expect(staff.GetByTestId("conversation-member-name")).ToHaveTextAsync("訂位顧客");
        await staff.GetByTestId("conversation-register-link").ClickAsync();
        await Expect(staff.Field("conversation-compose")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/m/register\\?t="));

        // A private note from the chat, pinned: it leads the member's notes on the member page too.
        await staff.Field("note-text").FillAsync("兩位，靠窗，有一位吃素");
        await staff.GetByTestId("note-add").ClickAsync();
        await staff.GetByTestId("member-note").Filter(new() { HasText = "有一位吃素" }).GetByTestId("note-pin").ClickAsync();
        await Expect(staff.GetByTestId("member-note-pinned")).ToContainTextAsync("有一位吃素");
        await staff.GetByTestId("conversation-member-code").ClickAsync();
        await Expect(staff.GetByTestId("member-note-pinned")).ToContainTextAsync("有一位吃素");
    }
}
