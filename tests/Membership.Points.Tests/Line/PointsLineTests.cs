using System.Text.Json;
using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Points.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Points.Tests.Line;

public sealed class PointsLineTests(PointsHost host) : IClassFixture<PointsHost>
{
    [Fact]
    public async Task After_a_purchase_a_friend_gets_one_push_with_points_and_balance_and_the_timeline_an_entry()
    {
        var member = host.Members.Add("U-buyer", "zh-TW", FriendStatus.Friend);
        var purchase = await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 1_280m));
        var recorded = await OutboxEventAsync<PurchaseRecorded>(purchase.PurchaseId!.Value);

        await DeliverAsync(recorded);
        await DeliverAsync(recorded);

        var pushes = host.Line.Pushes.Where(p => p.Request.To == "U-buyer").ToList();
        Assert.Equal(2, pushes.Count);
        Assert.Single(pushes.Select(p => p.RetryKey).Distinct());
        Assert.Equal("感謝您的消費！本次獲得 12 點，目前點數餘額 12 點。", Assert.IsType<TextMessage>(pushes[0].Request.Messages[0]).Text);
        Assert.Contains(host.Members.Timeline.Values, t => t.MemberId == member.Id && t.Kind == TimelineKinds.Purchase && t.Summary.Contains("NT$1,280"));
    }

    [Fact]
    public async Task A_member_without_line_friendship_gets_no_push()
    {
        var member = host.Members.Add();
        var purchase = await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 1_280m));

        await DeliverAsync(await OutboxEventAsync<PurchaseRecorded>(purchase.PurchaseId!.Value));

        Assert.Contains(host.Members.Timeline.Values, t => t.MemberId == member.Id);
        Assert.DoesNotContain(host.Line.Pushes, p => p.Request.To == member.LineUserId);
    }

    [Fact]
    public async Task My_points_answers_a_member_with_a_flex_of_balance_and_history_and_a_friend_with_the_registration_link()
    {
        var member = host.Members.Add("U-points", "en", FriendStatus.Friend);
        await host.Points.RecordPurchaseAsync(Infrastructure.Purchases.For(member.Id, 2_000m));
        await host.Points.RedeemAsync(new RedeemPointsRequest(member.Id, 5, "Discount", "flex-redeem", "pos"));
        var friend = host.Members.Add("U-friend-only");
        host.Members.Set(friend with { Status = MemberStatus.Friend });

        var answer = await AnswerAsync("U-points", RichMenuPostbacks.Points);
        var toFriend = await AnswerAsync("U-friend-only", RichMenuPostbacks.Points);
        var other = await AnswerAsync("U-points", RichMenuPostbacks.News);

        var flex = Assert.IsType<FlexMessage>(Assert.Single(answer!));
        Assert.Equal("My points: 15", flex.AltText);
        var json = flex.Contents.GetRawText();
        Assert.Contains("15 points", json);
        Assert.Contains("\"Redeemed\"", json);
        Assert.Contains("\"-5\"", json);
        Assert.Contains("https://shop.example/m/card?u=U-points", json);
        Assert.Contains("https://shop.example/m/register?u=U-friend-only", Assert.IsType<TextMessage>(Assert.Single(toFriend!)).Text);
        Assert.Null(other);
    }

    private Task<IReadOnlyList<LineMessage>?> AnswerAsync(string lineUserId, string data) =>
        host.InScopeAsync(s => s.GetRequiredService<ILinePostbackResponder>().AnswerAsync(lineUserId, data));

    private async Task<T> OutboxEventAsync<T>(Guid purchaseId)
    {
        var payload = await host.InScopeAsync(async s =>
        {
            await using var db = await s.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.PointsDbContext>>().CreateDbContextAsync();
            var messages = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Outbox.Where(m => m.Type.Contains(typeof(T).Name)));
            return messages.First(m => m.Payload.Contains(purchaseId.ToString(), StringComparison.Ordinal)).Payload;
        });
        return JsonSerializer.Deserialize<T>(payload, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private Task DeliverAsync<T>(T integrationEvent)
        where T : class =>
        host.InScopeAsync(async s =>
        {
            foreach (var handler in s.GetServices<IIntegrationEventHandler<T>>())
            {
                await handler.HandleAsync(integrationEvent, Guid.NewGuid(), CancellationToken.None);
            }

            return 0;
        });
}
