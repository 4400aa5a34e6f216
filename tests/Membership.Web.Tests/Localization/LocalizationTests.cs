using System.Xml.Linq;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Localization;

public sealed class LocalizationTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_console_speaks_traditional_chinese_by_default_even_to_an_english_browser()
    {
        var client = app.Factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var html = await client.GetStringAsync("/account/login");

        Assert.Contains("lang=\"zh-TW\"", html, StringComparison.Ordinal);
        Assert.Contains("員工登入", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_english_switches_the_texts_and_returns_to_the_page()
    {
        var client = app.Factory.CreateBrowserlessClient();

        var choose = await client.GetAsync("/culture/en?redirectUri=%2Faccount%2Flogin");
        var html = await client.GetStringAsync("/account/login");

        Assert.Equal("/account/login", choose.Headers.Location!.OriginalString);
        Assert.Contains("Staff sign-in", html, StringComparison.Ordinal);
        Assert.DoesNotContain("員工登入", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_culture_is_refused()
    {
        var response = await app.Factory.CreateBrowserlessClient().GetAsync("/culture/fr?redirectUri=%2F");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void Every_text_exists_in_both_languages()
    {
        var neutral = Keys("SharedResource.resx");
        var english = Keys("SharedResource.en.resx");

        Assert.Empty(neutral.Except(english));
        Assert.Empty(english.Except(neutral));
        Assert.True(neutral.Count > 50);
    }

    private static HashSet<string> Keys(string file)
    {
        var path = Path.Combine(SourceRoot(), "src", "Membership.Web", "Resources", file);
        return XDocument.Load(path).Root!.Elements("data").Select(e => (string)e.Attribute("name")!).ToHashSet();
    }

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Membership.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Membership.sln not found above the test output.");
    }
}
