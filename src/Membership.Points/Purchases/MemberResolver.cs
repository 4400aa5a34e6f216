using Membership.Contracts.Members;
using Membership.Contracts.Points;

namespace Membership.Points.Purchases;

/// <summary>Finds the member a purchase or a redemption names, through the Members module.</summary>
internal sealed class MemberResolver(IMemberIntegration integration, IMembersModule members)
{
    public async Task<Guid?> ResolveAsync(MemberReference reference, CancellationToken ct)
    {
        if (reference.MemberId is { } id)
        {
            return (await members.GetAsync(id, ct))?.Id;
        }

        var member = !string.IsNullOrWhiteSpace(reference.MemberCode) ? await integration.FindByCodeAsync(reference.MemberCode.Trim(), ct)
            : !string.IsNullOrWhiteSpace(reference.Mobile) ? await integration.FindByMobileAsync(reference.Mobile.Trim(), ct)
            : !string.IsNullOrWhiteSpace(reference.LineUserId) ? await integration.FindByLineUserIdAsync(reference.LineUserId.Trim(), ct)
            : null;
        return member?.Id;
    }
}
