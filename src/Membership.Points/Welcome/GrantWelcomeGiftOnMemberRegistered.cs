using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Points.Earning;
using Membership.Points.Ledger;

namespace Membership.Points.Welcome;

/// <summary>The welcome gift: <see cref="EarnRules.WelcomePoints"/> once per member, however often the event is delivered.</summary>
internal sealed class GrantWelcomeGiftOnMemberRegistered(EarnRulesStore earnRules, PointsCredits credits) : IIntegrationEventHandler<MemberRegistered>
{
    public const string Source = "welcome";

    public async Task HandleAsync(MemberRegistered integrationEvent, Guid messageId, CancellationToken ct)
    {
        var rules = await earnRules.GetAsync(ct);
        if (rules.WelcomePoints <= 0)
        {
            return;
        }

        await credits.GrantAsync(
            new GrantPointsRequest(integrationEvent.MemberId, rules.WelcomePoints, Source, "Welcome gift", $"welcome:{integrationEvent.MemberId:N}"), ct);
    }
}
