using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Line;

public sealed class ParkingLineSandbox : LineSandbox
{
    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Line:Inbox:MaxAttempts"] = "2",
        ["Line:Resilience:MaxRetryAttempts"] = "1",
    };
}

public sealed class ParkedEventTests(ParkingLineSandbox line) : IClassFixture<ParkingLineSandbox>
{
    [Fact]
    public async Task An_event_that_keeps_failing_is_parked_and_handled_once_retried()
    {
        var inbox = line.Services.GetRequiredService<ILineInbox>();
        var userId = await line.CreateUserAsync("卡住的好友");
        await line.SetFaultsAsync(new { failureRate = 1.0, statusCodes = new[] { 500 } });

        await line.SendEventAsync(userId, "follow");
        var parked = await LineSandbox.EventuallyAsync(
            () => inbox.ListAsync(InboxEventStatus.Parked, new PageRequest()), p => p.TotalCount > 0);
        await line.ClearFaultsAsync();

        var item = Assert.Single(parked.Items);
        Assert.Equal(2, item.Attempts);
        Assert.Contains("500", item.LastError, StringComparison.Ordinal);
        Assert.Null(await line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(userId));

        Assert.True(await inbox.RetryAsync(item.Id));
        var member = await LineSandbox.EventuallyAsync(
            () => line.Services.GetRequiredService<IMembersModule>().FindByLineUserIdAsync(userId), m => m is not null);
        var messages = await LineSandbox.EventuallyAsync(() => line.MessagesAsync(userId), m => m.Count > 0);

        Assert.Equal(FriendStatus.Friend, member!.FriendStatus);
        Assert.Single(messages);
        Assert.False(await inbox.RetryAsync(item.Id)); // handled now: nothing to retry
        var counts = await inbox.CountByStatusAsync();
        Assert.Equal(0, counts[InboxEventStatus.Parked]);
    }
}
