using System.Text;
using Membership.Contracts.Tags;

namespace Membership.Tags.Tests.Bulk;

public sealed class CsvTaggingTests(TagsDatabase db) : IClassFixture<TagsDatabase>
{
    private static MemoryStream Csv(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    [Fact]
    public async Task A_clean_file_tags_by_code_and_mobile_and_reports_every_row()
    {
        var tag = await db.AddTagAsync();
        var byCode = db.AddMember();
        var byMobile = db.AddMember(mobile: "0912345601");
        var already = db.AddMember();
        await db.Tags.TagMemberAsync(new TagMemberRequest(already.Id, tag.Id, TagsDatabase.Staff));
        var progress = new List<int>();

        var result = await db.Tags.TagFromCsvAsync(
            new BulkTagCsvRequest(tag.Id, false, TagsDatabase.Staff),
            Csv("會員編號或手機", byCode.MemberCode, "0912-345-601", already.MemberCode, byCode.MemberCode),
            new SyncProgress(progress));

        Assert.True(result.Applied);
        Assert.Equal((2, 1, 0), (result.Tagged, result.AlreadyTagged, result.Bad));
        Assert.Equal(
            [(2, BulkTagRowStatus.Tagged), (3, BulkTagRowStatus.Tagged), (4, BulkTagRowStatus.AlreadyTagged), (5, BulkTagRowStatus.Duplicate)],
            result.Rows.Select(r => (r.Line, r.Status)));
        Assert.Equal(byMobile.MemberCode, result.Rows[1].MemberCode);
        Assert.True(await db.HasTagAsync(byMobile.Id, tag.Id));
        Assert.Equal(100, progress[^1]);
    }

    [Fact]
    public async Task One_bad_row_and_nobody_is_tagged()
    {
        var tag = await db.AddTagAsync();
        var good = db.AddMember();

        var result = await db.Tags.TagFromCsvAsync(
            new BulkTagCsvRequest(tag.Id, false, TagsDatabase.Staff), Csv(good.MemberCode, "999999999999", "not a member"));

        Assert.False(result.Applied);
        Assert.Equal(2, result.Bad);
        Assert.Equal([BulkTagRowStatus.NotApplied, BulkTagRowStatus.UnknownMember, BulkTagRowStatus.Invalid], result.Rows.Select(r => r.Status));
        Assert.False(await db.HasTagAsync(good.Id, tag.Id));
    }

    [Fact]
    public async Task Only_the_good_rows_tags_them_and_reports_the_bad()
    {
        var tag = await db.AddTagAsync();
        var good = db.AddMember();

        var result = await db.Tags.TagFromCsvAsync(
            new BulkTagCsvRequest(tag.Id, true, TagsDatabase.Staff), Csv("999999999999", "", good.MemberCode));

        Assert.True(result.Applied);
        Assert.Equal((1, 1), (result.Tagged, result.Bad));
        Assert.Equal([(1, BulkTagRowStatus.UnknownMember), (3, BulkTagRowStatus.Tagged)], result.Rows.Select(r => (r.Line, r.Status)));
        Assert.True(await db.HasTagAsync(good.Id, tag.Id));
    }

    [Fact]
    public async Task An_archived_tag_refuses_the_file()
    {
        var tag = await db.AddTagAsync();
        await db.Tags.SetArchivedAsync(tag.Id, true, TagsDatabase.Staff);

        var result = await db.Tags.TagFromCsvAsync(new BulkTagCsvRequest(tag.Id, true, TagsDatabase.Staff), Csv(db.AddMember().MemberCode));

        Assert.False(result.Applied);
        Assert.NotNull(result.Error);
    }

    private sealed class SyncProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value) => values.Add(value);
    }
}
