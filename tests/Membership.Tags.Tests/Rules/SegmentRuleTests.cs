using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;

namespace Membership.Tags.Tests.Rules;

public sealed class SegmentRuleTests(TagsDatabase db) : IClassFixture<TagsDatabase>
{
    private static ScoringRunCompleted Run() => new(Guid.NewGuid(), new DateOnly(2026, 11, 25), 10);

    [Fact]
    public async Task Members_who_enter_gain_the_tag_and_members_who_leave_lose_what_the_rule_gave()
    {
        var segmentId = Guid.NewGuid();
        var (a, b, c) = (db.AddMember(), db.AddMember(), db.AddMember());
        db.Segmentation.Segments[segmentId] = [a.Id, b.Id, c.Id];
        var rule = await db.AddRuleAsync(TagRuleKind.SegmentMembership, segmentId: segmentId);
        await db.Tags.TagMemberAsync(new TagMemberRequest(c.Id, rule.TagId, TagsDatabase.Staff)); // staff gave it first

        await db.DeliverAsync(Run());
        Assert.Equal(2, (await db.RuleAsync(rule.Id)).MembersTagged);

        var d = db.AddMember();
        db.Segmentation.Segments[segmentId] = [b.Id, d.Id];
        db.Clock.Advance(TimeSpan.FromDays(1));
        await db.DeliverAsync(Run());

        Assert.False(await db.HasTagAsync(a.Id, rule.TagId));
        Assert.True(await db.HasTagAsync(b.Id, rule.TagId));
        Assert.True(await db.HasTagAsync(c.Id, rule.TagId)); // left, but the tag was not the rule's
        Assert.True(await db.HasTagAsync(d.Id, rule.TagId));
        var removed = Assert.Single(await db.Tags.GetMemberTagHistoryAsync(a.Id));
        Assert.Equal(new TagActor(TagActorKind.Rule, rule.Name), removed.RemovedBy);
        Assert.Equal(2, (await db.RuleAsync(rule.Id)).MembersTagged);
        Assert.Single(await db.RaisedAsync<MemberUntagged>(), e => e.TagId == rule.TagId && e.MemberId == a.Id);
    }

    [Fact]
    public async Task The_same_run_twice_changes_nothing_and_a_member_who_returns_is_tagged_again()
    {
        var segmentId = Guid.NewGuid();
        var member = db.AddMember();
        db.Segmentation.Segments[segmentId] = [member.Id];
        var rule = await db.AddRuleAsync(TagRuleKind.SegmentMembership, segmentId: segmentId);
        var run = Run();

        await db.DeliverAsync(run);
        await db.DeliverAsync(run);
        Assert.Single(await db.Tags.GetMemberTagHistoryAsync(member.Id));

        db.Segmentation.Segments[segmentId] = [];
        await db.DeliverAsync(Run());
        db.Segmentation.Segments[segmentId] = [member.Id];
        await db.DeliverAsync(Run());

        var history = await db.Tags.GetMemberTagHistoryAsync(member.Id);
        Assert.Equal(2, history.Count);
        Assert.True(history[0].IsCurrent);
        Assert.False(history[1].IsCurrent);
    }

    [Fact]
    public async Task A_rule_for_an_unknown_segment_is_refused()
    {
        var tag = await db.AddTagAsync();

        var result = await db.Tags.SaveRuleAsync(new SaveTagRuleRequest(
            null, "gone", tag.Id, TagRuleKind.SegmentMembership, KeywordMatch.Equals, null, null, null, Guid.NewGuid(), true, TagsDatabase.Staff));

        Assert.False(result.Succeeded);
    }
}
