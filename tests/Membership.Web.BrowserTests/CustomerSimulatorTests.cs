using Membership.Testing.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

public sealed class CustomerSimulatorTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_simulated_customer_follows_the_account_and_sees_the_greeting()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("marketer@demo.local", MembershipWebFactory<Program>.DemoPassword);
        var userId = await app.Line.CreateUserAsync("模擬顧客 小安");

        await page.GotoAsync("/simulator");
        var option = page.Locator($"[data-testid=user-option][data-user-id={userId}]");
        await page.ClickUntilAsync(option, page.GetByTestId("follow-button"));
        await page.GetByTestId("follow-button").ClickAsync();

        await Expect(page.GetByTestId("friend-state")).ToHaveAttributeAsync("data-state", "friend");
        var greeting = page.GetByTestId("bubble-in").First;
        await Expect(greeting).ToContainTextAsync("/m/register", new() { Timeout = 45_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "simulator-greeting.png") });

        await page.GetByTestId("message-input").FillAsync("你好，請問營業時間？");
        await page.GetByTestId("send-button").ClickAsync();
        await Expect(page.GetByTestId("bubble-out").Last).ToContainTextAsync("營業時間");
    }
}
