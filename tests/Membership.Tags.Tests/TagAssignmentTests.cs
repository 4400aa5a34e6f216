using System.Text;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Tags;
using Membership.Testing;

namespace Membership.Tags.Tests;

public sealed class TagAssignmentTests(PostgresDatabaseFixture database) : TagsTestBase(database)
{
    [Fact]
    public async Task Tag_names_are_unique_whatever_their_case_and_spaces()
    {
        await TagAsync("VIP");

        var again = await Tags.SaveTagAsync(new SaveTagRequest(null, " vip ", null, null, TagKind.Manual, Staff));
        var badColour = await Tags.SaveTagAsync(new SaveTagRequest(null, "咖啡", "red", null, TagKind.Manual, Staff));

        Assert.Equal(SaveTagOutcome.NameTaken, again.Outcome);
        Assert.Equal(SaveTagOutcome.Invalid, badColour.Outcome);
        Assert.Single(await Tags.ListTagsAsync());
    }

    [Fact]
    public async Task Removing_a_tag_keeps_the_history_of_who_added_and_removed_it()
    {
        var member = await MemberAsync("M1");
        var tag = await TagAsync("咖啡");

        Assert.Equal(TagMemberOutcome.Added, (await Tags.TagMemberAsync(new TagMemberRequest(member, tag, Staff))).Outcome);
        Assert.Equal(TagMemberOutcome.AlreadyTagged, (await Tags.TagMemberAsync(new TagMemberRequest(member, tag, TagActor.System("api")))).Outcome);
        Assert.True(await Tags.UntagMemberAsync(new UntagMemberRequest(member, tag, TagActor.Staff("owner@demo.local"))));
        Assert.False(await Tags.UntagMemberAsync(new UntagMemberRequest(member, tag, Staff)));
        await Tags.TagMemberAsync(new TagMemberRequest(member, tag, new TagActor(TagActorKind.ApiKey, "ERP")));

        var history = await Tags.GetMemberTagHistoryAsync(member);
        Assert.Equal(2, history.Count);
        var removed = Assert.Single(history, a => !a.IsCurrent);
        Assert.Equal(("staff@demo.local", "owner@demo.local"), (removed.AddedBy.Name, removed.RemovedBy!.Name));
        Assert.Equal(TagActorKind.ApiKey, Assert.Single(await Tags.GetMemberTagsAsync(member)).AddedBy.Kind);
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM tags_outbox_messages WHERE type LIKE '%MemberTagged%'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tags_outbox_messages WHERE type LIKE '%MemberUntagged%'"));
    }

    [Fact]
    public async Task Unknown_members_and_archived_tags_are_refused()
    {
        var tag = await TagAsync("茶");

        Assert.Equal(TagMemberOutcome.UnknownMember, (await Tags.TagMemberAsync(new TagMemberRequest(Guid.NewGuid(), tag, Staff))).Outcome);
        Assert.Equal(TagMemberOutcome.UnknownTag, (await Tags.TagMemberAsync(new TagMemberRequest(await MemberAsync("M2"), Guid.NewGuid(), Staff))).Outcome);
        await Tags.SetArchivedAsync(tag, true, Staff);
        Assert.Equal(TagMemberOutcome.ArchivedTag, (await Tags.TagMemberAsync(new TagMemberRequest(await MemberAsync("M3"), tag, Staff))).Outcome);
    }

    [Fact]
    public async Task Bulk_tagging_is_idempotent_and_skips_unknown_members()
    {
        var a = await MemberAsync("A");
        var b = await MemberAsync("B");
        var tag = await TagAsync("名單");

        var first = await Tags.TagMembersAsync(tag, [a, b, Guid.NewGuid()], Staff);
        var second = await Tags.TagMembersAsync(tag, [a, b], Staff);

        Assert.Equal(2, first.Tagged);
        Assert.Equal(0, second.Tagged);
        Assert.Equal(2, (await Tags.CountMembersByTagAsync())[tag]);
    }

    [Fact]
    public async Task A_CSV_with_a_bad_row_tags_nobody_unless_only_the_good_rows_are_asked_for()
    {
        await MemberAsync("100000000016");
        await MemberAsync("100000000024", mobile: "0912345678");
        var tag = await TagAsync("活動名單");
        const string csv = "member\n100000000016\n0912345678\n99999999999\n100000000016\n";

        var strict = await Tags.TagFromCsvAsync(new BulkTagCsvRequest(tag, false, Staff), new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        Assert.False(strict.Applied);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tags_assignments"));
        Assert.Equal([BulkTagRowStatus.NotApplied, BulkTagRowStatus.NotApplied, BulkTagRowStatus.UnknownMember, BulkTagRowStatus.Duplicate],
            strict.Rows.Select(r => r.Status));
        Assert.Equal("0912***678", strict.Rows[1].Value);

        var lenient = await Tags.TagFromCsvAsync(new BulkTagCsvRequest(tag, true, Staff), new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        Assert.True(lenient.Applied);
        Assert.Equal(2, lenient.Tagged);
        Assert.Equal(2, lenient.Bad);
    }

    [Fact]
    public async Task A_rule_tags_a_member_once_however_often_the_event_repeats()
    {
        var member = await MemberAsync("R1");
        var coffee = await TagAsync("咖啡");
        var big = await TagAsync("高消費");
        await Tags.SaveRuleAsync(new SaveTagRuleRequest(null, "咖啡", coffee, TagRuleKind.PurchaseCategory, KeywordMatch.Equals, null, "coffee", null, null, true, Staff));
        await Tags.SaveRuleAsync(new SaveTagRuleRequest(null, "大單", big, TagRuleKind.PurchaseTotal, KeywordMatch.Equals, null, null, 1000, null, true, Staff));
        var handler = Module.Scoped<IIntegrationEventHandler<PurchaseRecorded>>();
        var small = Purchase(member, 300, "Coffee");

        await handler.HandleAsync(small, Guid.NewGuid(), default);
        await handler.HandleAsync(small, Guid.NewGuid(), default);
        await handler.HandleAsync(Purchase(member, 1200, "tea"), Guid.NewGuid(), default);
        await handler.HandleAsync(Purchase(member, 999, "coffee"), Guid.NewGuid(), default);

        var tags = await Tags.GetMemberTagsAsync(member);
        Assert.Equal(["咖啡", "高消費"], tags.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tags, t => Assert.Equal(TagActorKind.Rule, t.AddedBy.Kind));
        Assert.All(await Tags.ListRulesAsync(), r => Assert.Equal(1, r.MembersTagged));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM tags_assignments"));
    }

    [Fact]
    public async Task Registration_rules_fire_on_registration_and_disabled_rules_do_not()
    {
        var member = await MemberAsync("REG");
        var joined = await TagAsync("新會員");
        var off = await TagAsync("停用");
        await Tags.SaveRuleAsync(new SaveTagRuleRequest(null, "註冊", joined, TagRuleKind.Registration, KeywordMatch.Equals, null, null, null, null, true, Staff));
        var disabled = await Tags.SaveRuleAsync(new SaveTagRuleRequest(null, "停用", off, TagRuleKind.Registration, KeywordMatch.Equals, null, null, null, null, true, Staff));
        await Tags.SetRuleEnabledAsync(disabled.Rule!.Id, false, Staff);

        await Module.Scoped<IIntegrationEventHandler<MemberRegistered>>()
            .HandleAsync(new MemberRegistered(member, "REG", "U1", DateTimeOffset.UtcNow, false), Guid.NewGuid(), default);

        Assert.Equal("新會員", Assert.Single(await Tags.GetMemberTagsAsync(member)).Name);
    }

    [Fact]
    public async Task Rules_without_what_they_match_are_refused()
    {
        var tag = await TagAsync("x");

        var result = await Tags.SaveRuleAsync(new SaveTagRuleRequest(null, "總額", tag, TagRuleKind.PurchaseTotal, KeywordMatch.Equals, null, null, null, null, true, Staff));

        Assert.False(result.Succeeded);
        Assert.Empty(await Tags.ListRulesAsync());
    }

    private static PurchaseRecorded Purchase(Guid member, decimal total, string category) =>
        new(Guid.NewGuid(), member, "S01", Guid.NewGuid().ToString("N"), total, DateTimeOffset.UtcNow, PurchaseChannels.Pos,
            [new PurchaseLine(null, category, 1, total)], 0, false);
}
