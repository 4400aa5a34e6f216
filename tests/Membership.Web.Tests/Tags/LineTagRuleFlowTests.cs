using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Tags;

/// <summary>Members publishes a member's LINE message and postback through its outbox; the Tags module's rules react.</summary>
public sealed class LineTagRuleFlowTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private IMembersModule Members => app.Services.GetRequiredService<IMembersModule>();

    private ITagsModule Tags => app.Services.GetRequiredService<ITagsModule>();

    [Fact]
    public async Task A_keyword_message_and_a_postback_tag_the_member_through_the_outbox()
    {
        var staff = TagActor.Staff("owner@test");
        var keywordTag = (await Tags.SaveTagAsync(new SaveTagRequest(null, "問優惠", null, null, TagKind.Rule, staff))).Tag!;
        var postbackTag = (await Tags.SaveTagAsync(new SaveTagRequest(null, "點咖啡", null, null, TagKind.Rule, staff))).Tag!;
        Assert.True((await Tags.SaveRuleAsync(new SaveTagRuleRequest(
            null, "優惠關鍵字", keywordTag.Id, TagRuleKind.MessageKeyword, KeywordMatch.Contains, "優惠", null, null, null, true, staff))).Succeeded);
        Assert.True((await Tags.SaveRuleAsync(new SaveTagRuleRequest(
            null, "咖啡選單", postbackTag.Id, TagRuleKind.Postback, KeywordMatch.Equals, "menu=coffee", null, null, null, true, staff))).Succeeded);
        const string lineUserId = "Utagflow00000000000000000000000001";
        var member = await Members.RecordLineFollowAsync(new LineFollow(lineUserId, DateTimeOffset.UtcNow, "evt-tagflow-follow", false, "小明", null, "zh-TW"));

        await Members.RecordLineActivityAsync(new LineActivity(lineUserId, DateTimeOffset.UtcNow, "evt-tagflow-m", TimelineKinds.Message, "有優惠嗎", Text: "有優惠嗎"));
        await Members.RecordLineActivityAsync(new LineActivity(lineUserId, DateTimeOffset.UtcNow, "evt-tagflow-p", TimelineKinds.Postback, "menu=coffee", PostbackData: "menu=coffee"));

        // The demo data fill the outboxes at start-up: on a loaded machine delivery can take a while.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        IReadOnlyList<MemberTag> tags;
        do
        {
            await Task.Delay(200);
            tags = await Tags.GetMemberTagsAsync(member.Id);
        }
        while (tags.Count < 2 && DateTime.UtcNow < deadline);

        Assert.Equal(["問優惠", "點咖啡"], tags.Select(t => t.Name).Order());
        Assert.All(tags, t => Assert.Equal(TagActorKind.Rule, t.AddedBy.Kind));
    }
}
