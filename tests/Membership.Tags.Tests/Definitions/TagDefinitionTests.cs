using Membership.Contracts.Tags;

namespace Membership.Tags.Tests.Definitions;

public sealed class TagDefinitionTests(TagsDatabase db) : IClassFixture<TagsDatabase>
{
    [Fact]
    public async Task A_new_tag_gets_the_default_colour_and_is_found_by_name_in_any_case()
    {
        var saved = await db.Tags.SaveTagAsync(new SaveTagRequest(null, "  Coffee Lover ", null, "愛喝咖啡", TagKind.Manual, TagsDatabase.Staff));

        Assert.Equal(SaveTagOutcome.Saved, saved.Outcome);
        Assert.Equal("Coffee Lover", saved.Tag!.Name);
        Assert.Equal("#607D8B", saved.Tag.Colour);
        Assert.Equal("staff@test", saved.Tag.CreatedBy);
        Assert.Equal(saved.Tag.Id, (await db.Tags.FindTagAsync("coffee lover"))?.Id);
    }

    [Fact]
    public async Task A_name_taken_in_another_case_is_refused()
    {
        await db.AddTagAsync("VIP");

        var again = await db.Tags.SaveTagAsync(new SaveTagRequest(null, "vip ", "#112233", null, TagKind.Manual, TagsDatabase.Staff));

        Assert.Equal(SaveTagOutcome.NameTaken, again.Outcome);
        Assert.Single(await db.Tags.ListTagsAsync(), t => t.Name.Equals("vip", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("ok", "red")]
    [InlineData("123456789012345678901234567890123456789012345678901", null)]
    public async Task Invalid_names_and_colours_are_refused(string name, string? colour)
    {
        var result = await db.Tags.SaveTagAsync(new SaveTagRequest(null, name, colour, null, TagKind.Manual, TagsDatabase.Staff));

        Assert.Equal(SaveTagOutcome.Invalid, result.Outcome);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task Renaming_keeps_the_id_and_archived_tags_are_listed_only_on_request()
    {
        var tag = await db.AddTagAsync("舊名");
        var renamed = await db.Tags.SaveTagAsync(new SaveTagRequest(tag.Id, "新名", "#8e24aa", null, TagKind.Manual, TagsDatabase.Staff));
        Assert.Equal("#8E24AA", renamed.Tag!.Colour);

        Assert.True(await db.Tags.SetArchivedAsync(tag.Id, true, TagsDatabase.Staff));

        Assert.DoesNotContain(await db.Tags.ListTagsAsync(), t => t.Id == tag.Id);
        Assert.Contains(await db.Tags.ListTagsAsync(includeArchived: true), t => t.Id == tag.Id && t.Name == "新名" && t.Archived);
    }
}
