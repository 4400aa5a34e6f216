using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Points.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Points.Tests.Welcome;

public sealed class GrantWelcomeGiftTests(PointsHost host) : IClassFixture<PointsHost>
{
    [Fact]
    public async Task The_welcome_gift_is_granted_once_however_often_the_event_comes()
    {
        var member = host.Members.Add();
        var registered = new MemberRegistered(member.Id, member.MemberCode, null, host.Clock.GetUtcNow(), false);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => host.InScopeAsync(async s =>
        {
            foreach (var handler in s.GetServices<IIntegrationEventHandler<MemberRegistered>>())
            {
                await handler.HandleAsync(registered, Guid.NewGuid(), CancellationToken.None);
            }

            return 0;
        }))));

        var balance = await host.Points.GetBalanceAsync(member.Id);
        Assert.Equal((50, 50), (balance.Balance, balance.LifetimeEarned));
        var entry = Assert.Single((await host.Points.GetLedgerAsync(member.Id, new PageRequest())).Items);
        Assert.Equal(LedgerEntryKind.Grant, entry.Kind);
        Assert.Equal(new DateTimeOffset(2027, 11, 24, 16, 0, 0, TimeSpan.Zero), entry.ExpiresAt);
        await host.AssertConsistentAsync(member.Id);
    }
}
