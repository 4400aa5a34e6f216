using System.Net;
using System.Text;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Segmentation;

/// <summary>The CSV export of a saved segment: its members as they match now, for Owners and Marketers, audited.</summary>
public sealed class SegmentExportTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_marketer_exports_the_members_of_a_segment_with_formulas_defused_and_the_export_is_audited()
    {
        var (segmentId, member) = await SegmentOfOneTaggedMemberAsync("匯出測試", "=HYPERLINK(\"x\")");
        var client = await app.Factory.SignedInClientAsync("marketer@demo.local");

        var response = await client.GetAsync($"/segments/{segmentId}/export.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n".ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("會員編號,姓名,手機", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{member.MemberCode},\"'=HYPERLINK(\"\"x\"\")\",0955123456,", lines[1], StringComparison.Ordinal);
        var audit = await app.Services.GetRequiredService<IAuditTrail>().ListAsync(new AuditQuery("segment.exported"), new PageRequest());
        Assert.Contains(audit.Items, e => e.SubjectId == segmentId.ToString() && e.Details!.StartsWith("1 rows", StringComparison.Ordinal)
                                          && e.ActorName == "marketer@demo.local");
    }

    [Fact]
    public async Task Staff_are_refused_and_an_unknown_segment_is_not_found()
    {
        var (segmentId, _) = await SegmentOfOneTaggedMemberAsync("匯出權限", "權限測試");
        var staff = await app.Factory.SignedInClientAsync("staff@demo.local");
        var owner = await app.Factory.SignedInClientAsync("owner@demo.local");

        var refused = await staff.GetAsync($"/segments/{segmentId}/export.csv");
        var unknown = await owner.GetAsync($"/segments/{Guid.NewGuid()}/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<(Guid SegmentId, MemberSummary Member)> SegmentOfOneTaggedMemberAsync(string tagName, string memberName)
    {
        var staff = TagActor.Staff("owner@test");
        var tags = app.Services.GetRequiredService<ITagsModule>();
        var segmentation = app.Services.GetRequiredService<ISegmentationModule>();
        var mobile = tagName == "匯出測試" ? "0955123456" : "0955654321";
        var member = (await app.Services.GetRequiredService<IMemberDirectory>().CreateOfflineMemberAsync(new CreateOfflineMemberRequest(mobile, memberName))).Member;
        var tag = (await tags.SaveTagAsync(new SaveTagRequest(null, tagName, null, null, TagKind.Manual, staff))).Tag!;
        await tags.TagMemberAsync(new TagMemberRequest(member.Id, tag.Id, staff));
        var definition = segmentation.ParseDefinition($$"""{"all":[{"field":"tag","op":"has","value":"{{tagName}}"}]}""").Definition!;
        var saved = await segmentation.SaveSegmentAsync(new SaveSegmentRequest(null, $"{tagName} 分眾", null, definition, "owner@test"));
        Assert.Equal(SaveSegmentOutcome.Saved, saved.Outcome);
        return (saved.Id!.Value, member);
    }
}
