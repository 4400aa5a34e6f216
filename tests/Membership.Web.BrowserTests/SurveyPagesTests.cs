using Membership.Testing.Web;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>
/// A marketer writes a survey in the console; staff send it from the chat; the simulated customer answers by quick reply in
/// the simulator; the results page counts the answer.
/// </summary>
public sealed class SurveyPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_survey_written_in_the_console_is_sent_from_the_chat_answered_by_quick_reply_and_counted()
    {
        var marketer = await app.NewPageAsync();
        await marketer.SignInAsync("marketer@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await marketer.GotoAsync("/surveys/new");
        await marketer.WaitForCircuitAsync();
        await marketer.Field("survey-title").FillAsync("口味調查");
        await marketer.Field("survey-question-text").FillAsync("你喜歡哪一種？");
        var labels = marketer.Locator("input[data-testid=survey-choice-label]");
        await labels.Nth(0).FillAsync("拿鐵");
        await labels.Nth(1).FillAsync("紅茶");
        var rating = marketer.GetByTestId("survey-add-Rating");
        await marketer.ClickUntilAsync(marketer.GetByTestId("survey-add-question").Locator("button").First, rating);
        await rating.ClickAsync();
        await marketer.Locator("input[data-testid=survey-question-text]").Nth(1).FillAsync("給我們幾顆星？");
        await marketer.RetryUntilAsync(() => marketer.GetByTestId("survey-save").ClickAsync(), marketer.GetByTestId("survey-start-data"));
        await marketer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "survey-editor.png"), FullPage = true });
        var surveyPath = new Uri(marketer.Url).AbsolutePath;

        var user = await app.Line.CreateUserAsync("問卷顧客");
        var customer = await app.NewPageAsync();
        await customer.SignInAsync("owner@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await customer.GotoAsync("/simulator");
        await customer.ClickUntilAsync(customer.Locator($"[data-testid=user-option][data-user-id={user}]"), customer.GetByTestId("follow-button"));
        await customer.GetByTestId("follow-button").ClickAsync();
        await Expect(customer.GetByTestId("bubble-in").First).ToContainTextAsync("/m/register", new() { Timeout = 45_000 });
        await customer.GetByTestId("message-input").FillAsync("想給點意見");
        await customer.GetByTestId("send-button").ClickAsync();

        var staff = await app.NewPageAsync();
        await staff.SignInAsync("staff@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await staff.GotoAsync("/conversations");
        await staff.WaitForCircuitAsync();
        var row = staff.GetByTestId("conversation-row").Filter(new() { HasText = "想給點意見" });
        await staff.ClickUntilAsync(row, staff.GetByTestId("thread-in").Filter(new() { HasText = "想給點意見" }));
        var item = staff.GetByTestId("survey-item").Filter(new() { HasText = "口味調查" });
        await staff.ClickUntilAsync(staff.GetByTestId("survey-menu").Locator("button").First, item);
        await item.ClickAsync();
        await Expect(staff.GetByTestId("thread-out").Filter(new() { HasText = "口味調查" })).ToBeVisibleAsync();

        var start = customer.GetByTestId("action-button").Filter(new() { HasText = "開始填寫" });
        await Expect(start).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await start.ClickAsync();
        var latte = customer.GetByTestId("quick-replies").GetByTestId("action-button").Filter(new() { HasText = "拿鐵" });
        await Expect(latte).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await latte.ClickAsync();
        var five = customer.GetByTestId("quick-replies").GetByTestId("action-button").Filter(new() { HasText = "5 ★" });
        await Expect(five).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await five.ClickAsync();
        await Expect(customer.GetByTestId("bubble-in").Filter(new() { HasText = "謝謝你的填寫" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "survey-simulator.png"), FullPage = true });

        await marketer.GotoAsync(surveyPath + "/results");
        await marketer.WaitForCircuitAsync();
        await Expect(marketer.GetByTestId("survey-completed")).ToHaveTextAsync("1");
        await Expect(marketer.GetByTestId("survey-choice-count").Filter(new() { HasText = "拿鐵" })).ToContainTextAsync("100.0%");
        await Expect(marketer.GetByTestId("survey-choice-count").Filter(new() { HasText = "5 ★" })).ToContainTextAsync("1");
        await marketer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "survey-results.png"), FullPage = true });
    }
}
