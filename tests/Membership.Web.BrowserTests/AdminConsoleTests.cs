using Membership.Testing.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

public sealed class AdminConsoleTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Owner_signs_in_sees_the_dashboard_switches_language_and_signs_out()
    {
        var page = await app.NewPageAsync();

        await SignInAsync(page, "owner@demo.local");

        await Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("總覽");
        await Expect(page.GetByTestId("staff-count")).ToHaveTextAsync((await app.StaffCountAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("health-database")).ToContainTextAsync("正常");
        await Expect(page.GetByTestId("taipei-now")).ToContainTextAsync("台北時間");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard-zh-TW.png"), FullPage = true });

        await page.ClickUntilAsync(page.GetByTestId("language-menu").Locator("button").First, page.GetByTestId("language-en"));
        await page.GetByTestId("language-en").ClickAsync();

        await Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("Dashboard");
        await Expect(page.GetByTestId("health-database")).ToContainTextAsync("Healthy");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard-en.png"), FullPage = true });

        await page.GetByTestId("sign-out").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Staff sign-in");
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task Owner_adds_a_staff_member_and_gets_a_one_time_password()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, "owner@demo.local");
        await page.GotoAsync("/staff");
        var email = $"clerk-{Guid.NewGuid():N}@demo.local";

        await page.ClickUntilAsync(page.GetByTestId("create-staff"), page.GetByTestId("staff-email"));
        await page.GetByTestId("staff-email").FillAsync(email);
        await page.GetByTestId("staff-name").FillAsync("新店員");
        await page.GetByTestId("staff-name").BlurAsync();
        await page.GetByTestId("staff-save").ClickAsync();

        var password = page.GetByTestId("temporary-password");
        await Expect(password).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9]{14}$"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "staff-created.png") });
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByText(email)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Staff_member_is_refused_the_owner_pages()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, "staff@demo.local");

        await page.GotoAsync("/staff");

        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_in_chinese()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.FillAsync("#email", "owner@demo.local");
        await page.FillAsync("#password", "wrong-password");
        await page.GetByTestId("sign-in").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("電子郵件或密碼不正確。");
    }

    private static Task SignInAsync(IPage page, string email) =>
        page.SignInAsync(email, MembershipWebFactory<Program>.DemoPassword);
}
