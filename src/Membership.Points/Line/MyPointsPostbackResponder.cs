using Membership.Contracts.Common;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Points.Ledger;

namespace Membership.Points.Line;

/// <summary>The rich menu's 我的點數: a flex message of the member's points; a registration link for a friend who is not a member yet.</summary>
internal sealed class MyPointsPostbackResponder(IMembersModule members, IMemberLinks links, PointsQueries queries) : ILinePostbackResponder
{
    public const int RecentEntries = 5;

    public async Task<IReadOnlyList<LineMessage>?> AnswerAsync(string lineUserId, string data, CancellationToken ct = default)
    {
        if (data != RichMenuPostbacks.Points)
        {
            return null;
        }

        var member = await members.FindByLineUserIdAsync(lineUserId, ct);
        if (member is not { Status: MemberStatus.Registered })
        {
            var register = links.RegisterUrl(lineUserId);
            return [new TextMessage(CustomerLanguage.IsEnglish(member?.Language)
                ? $"Register as a member to collect points (one minute):\n{register}"
                : $"註冊會員即可累積點數（一分鐘完成）：\n{register}")];
        }

        var balance = await queries.GetBalanceAsync(member.Id, ct);
        var recent = await queries.GetLedgerAsync(member.Id, new PageRequest(1, RecentEntries), ct);
        var flex = MyPointsFlex.Build(balance, recent.Items, links.CardUrl(lineUserId), member.Language);
        return [new FlexMessage(MyPointsFlex.AltText(balance, member.Language), flex)];
    }
}
