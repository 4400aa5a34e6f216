using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Conversations;

/// <summary>The steps the conversation tests share: a LINE friend, their conversation, their thread, once it is so.</summary>
internal static class ConversationSteps
{
    public static async Task<string> FriendAsync(this LineSandbox line, string name)
    {
        var user = await line.CreateUserAsync(name);
        await line.SendEventAsync(user, "follow");
        await LineSandbox.EventuallyAsync(() => line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(user), m => m is not null);
        return user;
    }

    public static async Task<Conversation> ConversationAsync(this LineSandbox line, string user, Func<Conversation, bool>? done = null)
    {
        var conversations = line.Services.GetRequiredService<IConversationsModule>();
        var page = await LineSandbox.EventuallyAsync(
            () => conversations.ListAsync(new ConversationQuery(), new PageRequest(1, 100)),
            p => p.Items.Any(c => c.LineUserId == user && (done?.Invoke(c) ?? true)));
        return Assert.Single(page.Items, c => c.LineUserId == user && (done?.Invoke(c) ?? true));
    }

    public static async Task<IReadOnlyList<ConversationMessage>> ThreadAsync(
        this LineSandbox line, string user, Func<IReadOnlyList<ConversationMessage>, bool> done)
    {
        var conversation = await line.ConversationAsync(user);
        var conversations = line.Services.GetRequiredService<IConversationsModule>();
        return await LineSandbox.EventuallyAsync(() => conversations.ListMessagesAsync(conversation.Id), done);
    }
}
