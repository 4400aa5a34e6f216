using Membership.Contracts.Tags;

namespace Membership.Tags.Tests.Assignments;

public sealed class TagAssignmentTests(TagsDatabase db) : IClassFixture<TagsDatabase>
{
    [Fact]
    public async Task Tagging_twice_keeps_the_first_assignment_and_raises_one_event()
    {
        var member = db.AddMember();
        var tag = await db.AddTagAsync();

        var first = await db.Tags.TagMemberAsync(new TagMemberRequest(member.Id, tag.Id, TagsDatabase.Staff, "console"));
        var second = await db.Tags.TagMemberAsync(new TagMemberRequest(member.Id, tag.Id, new TagActor(TagActorKind.ApiKey, "crm")));

        Assert.Equal(TagMemberOutcome.Added, first.Outcome);
        Assert.Equal(TagMemberOutcome.AlreadyTagged, second.Outcome);
        Assert.Equal(first.Assignment!.Id, second.Assignment!.Id);
        Assert.Equal(TagsDatabase.Staff, second.Assignment.AddedBy);
        var raised = Assert.Single(await db.RaisedAsync<MemberTagged>(), e => e.MemberId == member.Id);
        Assert.Equal((tag.Id, tag.Name, TagsDatabase.Staff), (raised.TagId, raised.TagName, raised.By));
    }

    [Fact]
    public async Task Removing_keeps_the_history_and_tagging_again_adds_a_new_assignment()
    {
        var member = db.AddMember();
        var tag = await db.AddTagAsync();
        var api = new TagActor(TagActorKind.ApiKey, "crm");
        await db.Tags.TagMemberAsync(new TagMemberRequest(member.Id, tag.Id, TagsDatabase.Staff));
        db.Clock.Advance(TimeSpan.FromHours(1));

        Assert.True(await db.Tags.UntagMemberAsync(new UntagMemberRequest(member.Id, tag.Id, api)));
        Assert.False(await db.Tags.UntagMemberAsync(new UntagMemberRequest(member.Id, tag.Id, api)));
        Assert.Empty(await db.Tags.GetMemberTagsAsync(member.Id));

        db.Clock.Advance(TimeSpan.FromHours(1));
        await db.Tags.TagMemberAsync(new TagMemberRequest(member.Id, tag.Id, api));

        var history = await db.Tags.GetMemberTagHistoryAsync(member.Id);
        Assert.Equal(2, history.Count);
        Assert.True(history[0].IsCurrent);
        Assert.Equal(api, history[0].AddedBy);
        Assert.Equal(TagsDatabase.Staff, history[1].AddedBy);
        Assert.Equal(api, history[1].RemovedBy);
        Assert.Equal(db.Clock.GetUtcNow() - TimeSpan.FromHours(1), history[1].RemovedAt);
        Assert.Single(await db.RaisedAsync<MemberUntagged>(), e => e.MemberId == member.Id && e.By == api);
        Assert.Equal(1, (await db.Tags.CountMembersByTagAsync())[tag.Id]);
    }

    [Fact]
    public async Task Unknown_members_unknown_and_archived_tags_are_refused()
    {
        var member = db.AddMember();
        var tag = await db.AddTagAsync();
        var archived = await db.AddTagAsync();
        await db.Tags.SetArchivedAsync(archived.Id, true, TagsDatabase.Staff);

        Assert.Equal(TagMemberOutcome.UnknownMember, (await db.Tags.TagMemberAsync(new TagMemberRequest(Guid.NewGuid(), tag.Id, TagsDatabase.Staff))).Outcome);
        Assert.Equal(TagMemberOutcome.UnknownTag, (await db.Tags.TagMemberAsync(new TagMemberRequest(member.Id, Guid.NewGuid(), TagsDatabase.Staff))).Outcome);
        Assert.Equal(TagMemberOutcome.ArchivedTag, (await db.Tags.TagMemberAsync(new TagMemberRequest(member.Id, archived.Id, TagsDatabase.Staff))).Outcome);
        Assert.Empty(await db.Tags.GetMemberTagsAsync(member.Id));
    }

    [Fact]
    public async Task Bulk_tagging_is_idempotent_and_counts_known_members_only()
    {
        var tag = await db.AddTagAsync();
        var members = Enumerable.Range(0, 5).Select(_ => db.AddMember().Id).ToList();
        await db.Tags.TagMemberAsync(new TagMemberRequest(members[0], tag.Id, TagsDatabase.Staff));

        var first = await db.Tags.TagMembersAsync(tag.Id, [.. members, members[1], Guid.NewGuid()], TagActor.System("segment"));
        var second = await db.Tags.TagMembersAsync(tag.Id, members, TagActor.System("segment"));

        Assert.Equal(new BulkTagResult(4, 1, 1), first);
        Assert.Equal(new BulkTagResult(0, 5, 0), second);
        Assert.Equal(5, (await db.Tags.CountMembersByTagAsync())[tag.Id]);
        Assert.Equal(5, (await db.RaisedAsync<MemberTagged>()).Count(e => e.TagId == tag.Id));
        Assert.Equal(TagActor.System("segment"), (await db.Tags.GetMemberTagsAsync(members[3])).Single().AddedBy);
    }
}
