using System.Globalization;
using System.Text.Json;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Membership.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>The segment builder's live count, saving a segment, and the dashboard's RFM grid opening the builder.</summary>
public sealed class SegmentationPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Marketer_builds_a_segment_sees_the_count_change_saves_it_and_opens_the_rfm_grid()
    {
        await RegisterAsync("U" + Guid.NewGuid().ToString("N"), "0911000111", "Female");
        await RegisterAsync("U" + Guid.NewGuid().ToString("N"), "0911000222", "Male");
        var female = await CountAsync(Condition(SegmentFields.Gender, SegmentOps.In, new[] { "female" }));
        var femaleBlocked = await CountAsync(Condition(SegmentFields.Gender, SegmentOps.In, new[] { "female" }),
            Condition(SegmentFields.LineStatus, SegmentOps.In, new[] { "blocked" }));
        Assert.True(female >= 1 && femaleBlocked < female, $"female {female}, female and blocked {femaleBlocked}");

        var page = await app.NewPageAsync();
        await page.SignInAsync("marketer@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/segments/new");
        await Expect(page.GetByTestId("segment-count")).ToHaveTextAsync("—");

        var rows = page.GetByTestId("segment-condition");
        await PickFieldAsync(page, rows.Nth(0), "性別");
        await page.RetryUntilAsync(() => rows.Nth(0).GetByTestId("segment-choice-female").ClickAsync(),
            page.GetByTestId("segment-count").Filter(new() { HasText = Number(female) }));
        await Expect(page.GetByTestId("segment-count")).ToHaveTextAsync(Number(female));

        await page.GetByTestId("segment-add-condition").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await PickFieldAsync(page, rows.Nth(1), "LINE 狀態");
        await rows.Nth(1).GetByTestId("segment-choice-blocked").ClickAsync();
        await Expect(page.GetByTestId("segment-count")).ToHaveTextAsync(Number(femaleBlocked));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "segment-builder.png"), FullPage = true });

        await page.GetByTestId("segment-name").FillAsync("女性封鎖會員");
        await page.GetByTestId("segment-name").BlurAsync();
        // A saved segment's page has the export button; on a loaded machine the first click may find the name not yet bound.
        await page.RetryUntilAsync(() => page.GetByTestId("segment-save").ClickAsync(), page.GetByTestId("segment-export"));
        var saved = (await app.Service<ISegmentationModule>().ListSegmentsAsync()).Single(s => s.Name == "女性封鎖會員");
        Assert.EndsWith($"/segments/{saved.Id}", page.Url, StringComparison.Ordinal);
        Assert.Equal(femaleBlocked, (await app.Service<ISegmentationModule>().CountAsync(saved.Definition)).Count);

        await page.GotoAsync("/segments");
        await Expect(page.GetByTestId("segment-row-name").Filter(new() { HasText = "女性封鎖會員" })).ToBeVisibleAsync();

        await page.GotoAsync("/segmentation/dashboard");
        await Expect(page.GetByTestId("rfm-grid")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "segmentation-dashboard.png"), FullPage = true });
        await page.ClickUntilAsync(page.GetByTestId("rfm-cell-5-5"), page.GetByTestId("segment-condition"));
        Assert.Contains("/segments/new?definition=", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("segment-condition")).ToHaveCountAsync(2);
        var expected = await CountAsync(Condition(SegmentFields.RScore, SegmentOps.Eq, 5), Condition(SegmentFields.FScore, SegmentOps.Eq, 5));
        await Expect(page.GetByTestId("segment-count")).ToHaveTextAsync(Number(expected));
    }

    [Fact]
    public async Task Staff_see_the_tags_but_not_the_segment_pages()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("staff@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await Expect(page.GetByTestId("nav-tags")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-segments")).ToHaveCountAsync(0);
        await page.GotoAsync("/tags");
        await Expect(page.GetByTestId("tag-list")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tag-new")).ToHaveCountAsync(0);
        await page.GotoAsync("/segments/new");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
    }

    /// <summary>Opens the row's field select (retrying until the circuit answers) and picks the field by its name.</summary>
    private static async Task PickFieldAsync(IPage page, ILocator row, string field)
    {
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = field });
        await page.ClickUntilAsync(row.GetByTestId("segment-field").Locator(".mud-select").First, option);
        await option.First.ClickAsync();
        await Expect(row.GetByTestId("segment-field").Locator("input")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(".+"));
    }

    private static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static SegmentCondition Condition(string field, string op, object value) => new(field, op, JsonSerializer.SerializeToElement(value));

    private async Task<int> CountAsync(params SegmentNode[] conditions) =>
        (await app.Service<ISegmentationModule>().CountAsync(new SegmentAll(conditions))).Count;

    private async Task RegisterAsync(string lineUserId, string mobile, string gender)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<IMembersModule>().RecordLineFollowAsync(
            new LineFollow(lineUserId, DateTimeOffset.UtcNow, Guid.NewGuid().ToString(), false, "分眾測試", null, "zh-TW"));
        var terms = await services.GetRequiredService<IPrivacyTermsCatalog>().GetCurrentAsync();
        var result = await services.GetRequiredService<IMemberRegistration>().RegisterAsync(
            new RegisterMemberRequest(lineUserId, "分眾測試", mobile, "1990-05-01", gender, "TXG", null, terms.Version));
        Assert.NotNull(result.Member);
    }
}
