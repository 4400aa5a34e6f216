using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Membership.Contracts.Members;
using Membership.Coupons.Definitions;

namespace Membership.Coupons.Issuing;

/// <summary>Every active welcome coupon, once per member: the key makes a redelivered event issue nothing more.</summary>
internal sealed class IssueWelcomeCouponOnMemberRegistered(CouponDefinitions definitions, CouponIssuer issuer)
    : IIntegrationEventHandler<MemberRegistered>
{
    public async Task HandleAsync(MemberRegistered integrationEvent, Guid messageId, CancellationToken ct)
    {
        foreach (var definition in await definitions.ListActiveAsync(CouponPurpose.Welcome, ct))
        {
            await issuer.IssueAsync(new IssueCouponRequest(
                definition.Id, integrationEvent.MemberId, $"welcome:{definition.Id}:{integrationEvent.MemberId}", "welcome"), ct);
        }
    }
}
