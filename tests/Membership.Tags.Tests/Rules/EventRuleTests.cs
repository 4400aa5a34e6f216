using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Tags;

namespace Membership.Tags.Tests.Rules;

public sealed class EventRuleTests(TagsDatabase db) : IClassFixture<TagsDatabase>
{
    private MemberMessageReceived Message(MemberSummary member, string text, string? eventId = null) =>
        new(member.Id, "U" + member.Id.ToString("N"), text, eventId ?? Guid.NewGuid().ToString("N"), db.Clock.GetUtcNow());

    private PurchaseRecorded Purchase(Guid memberId, decimal total, params string?[] categories) =>
        new(Guid.NewGuid(), memberId, "TPE01", "R1", total, db.Clock.GetUtcNow(), PurchaseChannels.Pos,
            categories.Select(c => new PurchaseLine("SKU", c, 1, total)).ToList(), 0, false);

    [Fact]
    public async Task A_rule_tags_once_for_the_same_event_twice_and_for_two_events()
    {
        var rule = await db.AddRuleAsync(TagRuleKind.MessageKeyword, KeywordMatch.Equals, "咖啡");
        var member = db.AddMember();
        var message = Message(member, "咖啡", "evt-1");

        await db.DeliverAsync(message);
        await db.DeliverAsync(message);
        await db.DeliverAsync(Message(member, " 咖啡 ", "evt-2"));

        var history = await db.Tags.GetMemberTagHistoryAsync(member.Id);
        var assignment = Assert.Single(history, a => a.TagId == rule.TagId);
        Assert.Equal(new TagActor(TagActorKind.Rule, rule.Name), assignment.AddedBy);
        Assert.Equal(1, (await db.RuleAsync(rule.Id)).MembersTagged);
        Assert.Single(await db.RaisedAsync<MemberTagged>(), e => e.TagId == rule.TagId);
    }

    [Fact]
    public async Task A_rule_does_not_tag_again_after_the_tag_was_removed()
    {
        var rule = await db.AddRuleAsync(TagRuleKind.MessageKeyword, KeywordMatch.Equals, "latte");
        var member = db.AddMember();
        await db.DeliverAsync(Message(member, "LATTE"));
        await db.Tags.UntagMemberAsync(new UntagMemberRequest(member.Id, rule.TagId, TagsDatabase.Staff));

        await db.DeliverAsync(Message(member, "latte"));

        Assert.False(await db.HasTagAsync(member.Id, rule.TagId));
    }

    [Fact]
    public async Task Equals_needs_the_whole_text_contains_a_part_of_it()
    {
        var equals = await db.AddRuleAsync(TagRuleKind.MessageKeyword, KeywordMatch.Equals, "優惠");
        var contains = await db.AddRuleAsync(TagRuleKind.MessageKeyword, KeywordMatch.Contains, "優惠");
        var member = db.AddMember();

        await db.DeliverAsync(Message(member, "請問有優惠嗎"));

        Assert.False(await db.HasTagAsync(member.Id, equals.TagId));
        Assert.True(await db.HasTagAsync(member.Id, contains.TagId));
    }

    [Fact]
    public async Task Postback_rules_need_the_same_data()
    {
        var rule = await db.AddRuleAsync(TagRuleKind.Postback, keyword: "action=coffee");
        var tapped = db.AddMember();
        var other = db.AddMember();

        await db.DeliverAsync(new MemberPostbackReceived(tapped.Id, "U1", "action=coffee", "evt-p1", db.Clock.GetUtcNow()));
        await db.DeliverAsync(new MemberPostbackReceived(other.Id, "U2", "action=coffee&x=1", "evt-p2", db.Clock.GetUtcNow()));

        Assert.True(await db.HasTagAsync(tapped.Id, rule.TagId));
        Assert.False(await db.HasTagAsync(other.Id, rule.TagId));
    }

    [Fact]
    public async Task Purchase_rules_match_a_line_category_or_the_total()
    {
        var category = await db.AddRuleAsync(TagRuleKind.PurchaseCategory, category: "Coffee Beans");
        var total = await db.AddRuleAsync(TagRuleKind.PurchaseTotal, minimum: 1000m);
        var beans = db.AddMember();
        var big = db.AddMember();
        var small = db.AddMember();

        await db.DeliverAsync(Purchase(beans.Id, 300m, "tea", "coffee beans"));
        await db.DeliverAsync(Purchase(big.Id, 1000m, (string?)null));
        await db.DeliverAsync(Purchase(small.Id, 999.99m, "tea"));

        Assert.Equal((true, false), (await db.HasTagAsync(beans.Id, category.TagId), await db.HasTagAsync(beans.Id, total.TagId)));
        Assert.Equal((false, true), (await db.HasTagAsync(big.Id, category.TagId), await db.HasTagAsync(big.Id, total.TagId)));
        Assert.Equal((false, false), (await db.HasTagAsync(small.Id, category.TagId), await db.HasTagAsync(small.Id, total.TagId)));
    }

    [Fact]
    public async Task Registration_rules_tag_new_members_and_disabled_rules_do_nothing()
    {
        var rule = await db.AddRuleAsync(TagRuleKind.Registration);
        var disabled = await db.AddRuleAsync(TagRuleKind.Registration);
        Assert.True(await db.Tags.SetRuleEnabledAsync(disabled.Id, false, TagsDatabase.Staff));
        var member = db.AddMember();

        await db.DeliverAsync(new MemberRegistered(member.Id, member.MemberCode, null, db.Clock.GetUtcNow(), false));

        Assert.True(await db.HasTagAsync(member.Id, rule.TagId));
        Assert.False(await db.HasTagAsync(member.Id, disabled.TagId));
        Assert.Equal(0, (await db.RuleAsync(disabled.Id)).MembersTagged);
    }

    [Fact]
    public async Task A_rule_without_what_its_kind_needs_is_refused()
    {
        var tag = await db.AddTagAsync();

        var result = await db.Tags.SaveRuleAsync(new SaveTagRuleRequest(
            null, "no keyword", tag.Id, TagRuleKind.MessageKeyword, KeywordMatch.Equals, " ", null, null, null, true, TagsDatabase.Staff));

        Assert.False(result.Succeeded);
        Assert.DoesNotContain(await db.Tags.ListRulesAsync(), r => r.Name == "no keyword");
    }
}
