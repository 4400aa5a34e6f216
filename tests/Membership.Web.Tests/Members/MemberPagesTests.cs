using System.Net;
using System.Text;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Members;

/// <summary>What each role sees of members' personal data in the rendered pages, and who may export.</summary>
public sealed class MemberPagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    private MemberSummary _member = default!;

    public async Task InitializeAsync()
    {
        var directory = app.Services.GetRequiredService<IMemberDirectory>();
        _member = (await directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest("0912345678", "遮罩測試"))).Member;
        await directory.UpdateProfileAsync(new UpdateMemberProfileRequest(
            _member.Id, "遮罩測試", "0912345678", "mask.test@example.com", null, Gender.Female, "TPE", null, "test data"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Staff_see_the_mobile_and_email_masked_in_the_list_and_on_the_member_page()
    {
        var client = await app.Factory.SignedInClientAsync("staff@demo.local");

        var list = await client.GetStringAsync("/members?q=遮罩");
        var page = await client.GetStringAsync($"/members/{_member.Id}");

        Assert.Contains("遮罩測試", list, StringComparison.Ordinal);
        Assert.Contains("0912-***-678", list, StringComparison.Ordinal);
        Assert.Contains("0912-***-678", page, StringComparison.Ordinal);
        Assert.Contains("m***@example.com", page, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", list + page, StringComparison.Ordinal);
        Assert.DoesNotContain("mask.test@", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("owner@demo.local")]
    [InlineData("marketer@demo.local")]
    public async Task Owners_and_marketers_see_them_in_full(string email)
    {
        var client = await app.Factory.SignedInClientAsync(email);

        var list = await client.GetStringAsync("/members?q=345678");
        var page = await client.GetStringAsync($"/members/{_member.Id}");

        Assert.Contains("0912345678", list, StringComparison.Ordinal);
        Assert.Contains("mask.test@example.com", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_get_no_export_button_and_the_export_refuses_them()
    {
        var client = await app.Factory.SignedInClientAsync("staff@demo.local");

        var list = await client.GetStringAsync("/members");
        var export = await client.GetAsync("/members/export.csv");

        Assert.DoesNotContain("export-members", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith("/account/access-denied", export.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owners_export_is_utf8_with_a_bom_a_header_and_the_filtered_members_and_is_audited()
    {
        var client = await app.Factory.SignedInClientAsync("owner@demo.local");

        var response = await client.GetAsync("/members/export.csv?region=TPE&q=遮罩");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n".ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("會員編號,姓名,手機", lines[0], StringComparison.Ordinal);
        Assert.Equal($"{_member.MemberCode},遮罩測試,0912345678,mask.test@example.com,臺北市,Offline,NeverFriend", string.Join(',', lines[1].Split(',')[..7]));
        Assert.Equal(2, lines.Length);
        var audit = await app.Services.GetRequiredService<IAuditTrail>().ListAsync(new AuditQuery("members.exported"), new PageRequest());
        Assert.Contains(audit.Items, e => e.Details!.StartsWith("1 rows", StringComparison.Ordinal) && e.ActorName == "owner@demo.local");
    }

    [Fact]
    public async Task Staff_cannot_open_the_import_page()
    {
        var client = await app.Factory.SignedInClientAsync("staff@demo.local");

        var response = await client.GetAsync("/members/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
