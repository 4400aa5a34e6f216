using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Conversations;

/// <summary>Canned responses: checked like campaign templates, filled with the conversation's member's fields.</summary>
public sealed class CannedResponseTests(LineSandbox line) : IClassFixture<LineSandbox>
{
    private ICannedResponses Canned => line.Services.GetRequiredService<ICannedResponses>();

    [Fact]
    public async Task A_canned_response_is_filled_with_the_members_fields_and_the_fallbacks_for_a_friend()
    {
        var saved = await Canned.SaveAsync(new SaveCannedResponseRequest(
            null, "點數查詢", "points", "{{ name | default: \"親愛的會員\" }} 您好，您目前有 {{ points }} 點。", "marketer@demo.local"));
        Assert.True(saved.Saved, string.Join("; ", saved.Errors));

        var registered = await line.CreateUserAsync("王小明");
        await line.SendEventAsync(registered, "follow");
        await LineSandbox.EventuallyAsync(() => Members.FindByLineUserIdAsync(registered), m => m is not null);
        var result = await line.Services.GetRequiredService<IMemberRegistration>().RegisterAsync(
            new RegisterMemberRequest(registered, "王小明", "0933123456", "1990-01-01", "Male", "TPE", null, 1));
        Assert.Equal(RegistrationOutcome.Registered, result.Outcome);
        var friend = await line.CreateUserAsync("路過的朋友");
        await line.SendEventAsync(friend, "follow");

        await line.SendEventAsync(registered, "message", "請問我的點數");
        await line.SendEventAsync(friend, "message", "你好");
        var memberConversation = await line.ConversationAsync(registered);
        var friendConversation = await line.ConversationAsync(friend);

        // The registration's welcome bonus lands from the outbox: the field is then the member's, not a default.
        var points = (await LineSandbox.EventuallyAsync(
            () => line.Services.GetRequiredService<IPointsModule>().GetBalanceAsync(memberConversation.MemberId!.Value), b => b.Balance > 0)).Balance;
        Assert.Equal($"王小明 您好，您目前有 {points} 點。", await Canned.RenderAsync(saved.Id!.Value, memberConversation.Id));
        Assert.Equal("親愛的會員 您好，您目前有 0 點。", await Canned.RenderAsync(saved.Id!.Value, friendConversation.Id));
        Assert.Null(await Canned.RenderAsync(saved.Id!.Value, Guid.NewGuid()));
        Assert.Null(await Canned.RenderAsync(Guid.NewGuid(), memberConversation.Id));
    }

    [Fact]
    public async Task Bad_canned_responses_are_refused_with_their_paths_and_change_nothing()
    {
        var first = await Canned.SaveAsync(new SaveCannedResponseRequest(null, "營業時間說明", "hours", "每天 11:00-21:00", "m"));
        Assert.True(first.Saved);

        Assert.Equal(["title"], Paths(await Canned.SaveAsync(new SaveCannedResponseRequest(null, " ", null, "x", "m"))));
        Assert.Equal(["shortcut"], Paths(await Canned.SaveAsync(new SaveCannedResponseRequest(null, "壞捷徑", "有 空格", "x", "m"))));
        Assert.Equal(["text"], Paths(await Canned.SaveAsync(new SaveCannedResponseRequest(null, "壞範本", null, "{{ name ", "m"))));
        Assert.Equal(["title"], Paths(await Canned.SaveAsync(new SaveCannedResponseRequest(null, "營業時間說明", null, "另一個", "m"))));
        Assert.Equal(["shortcut"], Paths(await Canned.SaveAsync(new SaveCannedResponseRequest(null, "另一個標題", "hours", "另一個", "m"))));

        var edited = await Canned.SaveAsync(new SaveCannedResponseRequest(first.Id, "營業時間說明", "hours", "週一公休，其他日 11:00-21:00", "m"));
        Assert.True(edited.Saved);
        var only = Assert.Single(await Canned.ListAsync(), c => c.Shortcut == "hours");
        Assert.Equal("週一公休，其他日 11:00-21:00", only.Text);
        Assert.DoesNotContain(await Canned.ListAsync(), c => c.Title is "壞捷徑" or "壞範本" or "另一個標題");

        Assert.True(await Canned.DeleteAsync(first.Id!.Value, "m"));
        Assert.False(await Canned.DeleteAsync(first.Id!.Value, "m"));
        Assert.DoesNotContain(await Canned.ListAsync(), c => c.Id == first.Id);
    }

    private IMembersModule Members => line.Services.GetRequiredService<IMembersModule>();

    private static List<string> Paths(SaveCannedResponseResult result) => result.Errors.Select(e => e.Path).Distinct().ToList();
}
