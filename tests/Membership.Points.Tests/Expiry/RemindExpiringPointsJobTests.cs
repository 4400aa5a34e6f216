using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Points.Expiry;
using Membership.Points.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Points.Tests.Expiry;

public sealed class RemindExpiringPointsJobTests(PointsHost host) : IClassFixture<PointsHost>
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);

    [Fact]
    public async Task Friends_with_points_expiring_within_30_days_are_reminded_once_and_blocked_friends_not_at_all()
    {
        var friend = host.Members.Add("U-friend", "en-US", FriendStatus.Friend);
        var blocked = host.Members.Add("U-blocked", "zh-TW", FriendStatus.Blocked);
        var later = host.Members.Add("U-later", "zh-TW", FriendStatus.Friend);
        var soon = new DateTimeOffset(2025, 12, 20, 12, 0, 0, Taipei);
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(friend.Id, 1_500m, at: soon));
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(blocked.Id, 1_500m, at: soon));
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(later.Id, 1_500m, at: new DateTimeOffset(2026, 3, 1, 12, 0, 0, Taipei)));

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        var push = Assert.Single(host.Line.Pushes, p => p.Request.To == "U-friend");
        Assert.DoesNotContain(host.Line.Pushes, p => p.Request.To is "U-blocked" or "U-later");
        Assert.Equal("Reminder: 15 of your points expire on 2026/12/19. Use them before then!", Assert.IsType<TextMessage>(push.Request.Messages[0]).Text);
    }

    [Fact]
    public async Task No_reminder_goes_out_when_the_owner_turned_reminders_off()
    {
        var rules = await host.Points.GetEarnRulesAsync();
        var member = host.Members.Add("U-off", "zh-TW", FriendStatus.Friend);
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 1_500m, at: new DateTimeOffset(2025, 12, 10, 12, 0, 0, Taipei)));
        await host.Points.SaveEarnRulesAsync(rules with { ExpiryReminderEnabled = false }, "owner");

        try
        {
            Assert.Equal(0, await RunAsync());
            Assert.DoesNotContain(host.Line.Pushes, p => p.Request.To == "U-off");
        }
        finally
        {
            await host.Points.SaveEarnRulesAsync(rules, "owner");
        }
    }

    private Task<int> RunAsync() => host.InScopeAsync(s => s.GetRequiredService<RemindExpiringPointsJob>().RunAsync(CancellationToken.None));
}
