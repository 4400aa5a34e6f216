using System.Net;
using System.Text.Json.Nodes;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Membership.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Membership.Web.BrowserTests;

/// <summary>A marketer composes a campaign, previews it for a member, schedules it and watches it finish; a click shows in the results.</summary>
public sealed class CampaignPagesTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Shop = "https://shop.example.tw/sale";

    [Fact]
    public async Task Marketer_composes_previews_schedules_and_watches_a_campaign_finish()
    {
        // The demo members are LINE friends too: the campaign goes to a tag of three members only.
        var tags = app.Service<ITagsModule>();
        var tag = (await tags.SaveTagAsync(new SaveTagRequest(null, "週年慶名單", null, null, TagKind.Manual, TagActor.Staff("test")))).Tag!;
        var friends = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            friends.Add(await app.Line.CreateUserAsync($"顧客{i}"));
            var member = await RegisterAsync(friends[i], new[] { "林美玲", "陳志明", "張雅婷" }[i], $"09220001{i:00}");
            await tags.TagMemberAsync(new TagMemberRequest(member, tag.Id, TagActor.Staff("test")));
        }

        var page = await app.NewPageAsync();
        await page.SignInAsync("marketer@demo.local", MembershipWebFactory<Program>.DemoPassword);
        await page.GotoAsync("/campaigns");
        await page.ClickUntilAsync(page.GetByTestId("campaign-new"), page.GetByTestId("campaign-name-input"));

        await page.Field("campaign-name-input").FillAsync("週年慶");
        await page.Field("campaign-holdout").FillAsync("0");
        await page.ClickUntilAsync(page.GetByTestId("audience-tags"), page.GetByTestId("campaign-tags"));
        var tagOption = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "週年慶名單" });
        await page.ClickUntilAsync(page.GetByTestId("campaign-tags").Locator(".mud-select").First, tagOption);
        await tagOption.First.ClickAsync();
        await page.CloseMenusAsync(tagOption); // a multi-select stays open; the sample member's options would open behind it
        var message = page.Field("campaign-message-0");
        var phone = page.GetByTestId("campaign-phone");
        await page.RetryUntilAsync(
            () => message.FillAsync($"{{{{ name | default: \"親愛的會員\" }}}}，週年慶全館 85 折 {Shop}"),
            phone.GetByTestId("campaign-phone-message").Filter(new() { HasText = "親愛的會員，週年慶全館 85 折" }));

        var sample = page.Field("campaign-sample-member");
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "林美玲" });
        await page.RetryUntilAsync(async () =>
        {
            await sample.FillAsync(""); // the same text typed again would not search again
            await sample.FillAsync("林美玲");
        }, option);
        await option.First.ClickAsync();
        await Expect(phone.GetByTestId("campaign-phone-message")).ToContainTextAsync("林美玲，週年慶全館 85 折");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "campaign-composer.png"), FullPage = true });

        await page.Field("campaign-name-input").BlurAsync();
        await page.RetryUntilAsync(() => page.GetByTestId("campaign-save").ClickAsync(), page.GetByTestId("campaign-schedule"));
        await Expect(page.GetByTestId("preview-recipients")).ToHaveTextAsync("3");
        await page.Field("schedule-ignore-quiet").CheckAsync();
        await page.RetryUntilAsync(() => page.GetByTestId("schedule-submit").ClickAsync(), page.GetByTestId("campaign-progress"));

        await Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("已發送", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("progress-sent")).ToHaveTextAsync("3");
        var text = (await app.Line.MessagesAsync(friends[0])).Select(m => (string?)m!["message"]!["text"]).Single(t => t?.Contains("週年慶", StringComparison.Ordinal) == true)!;
        Assert.StartsWith("林美玲，週年慶全館 85 折 ", text, StringComparison.Ordinal);
        var tracked = new Uri(text[text.IndexOf(BrowserFixture.TrackedLinkBase, StringComparison.Ordinal)..]);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var click = await http.GetAsync(tracked.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.Equal(Shop, click.Headers.Location!.OriginalString);

        await page.ReloadAsync();
        await Expect(page.GetByTestId("results-sent")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("results-clickers")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("results-conversion-lift")).ToHaveTextAsync("資料不足"); // no holdout
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "campaign-detail.png"), FullPage = true });

        await page.GotoAsync("/campaigns");
        await Expect(page.GetByTestId("campaign-row-name").Filter(new() { HasText = "週年慶" })).ToBeVisibleAsync();
        var campaigns = await app.Service<IBroadcastModule>().ListCampaignsAsync(new Contracts.Common.PageRequest(1, 10));
        Assert.Equal(CampaignStatus.Sent, campaigns.Items.Single(c => c.Name == "週年慶").Status);
    }

    private async Task<Guid> RegisterAsync(string lineUserId, string? name, string mobile)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<IMembersModule>().RecordLineFollowAsync(
            new LineFollow(lineUserId, DateTimeOffset.UtcNow, Guid.NewGuid().ToString(), false, name ?? "顧客", null, "zh-TW"));
        var terms = await services.GetRequiredService<IPrivacyTermsCatalog>().GetCurrentAsync();
        var result = await services.GetRequiredService<IMemberRegistration>().RegisterAsync(
            new RegisterMemberRequest(lineUserId, name, mobile, "1990-05-01", "Female", "TPE", null, terms.Version));
        Assert.NotNull(result.Member);
        return result.Member.Id;
    }
}
