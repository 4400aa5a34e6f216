using System.Globalization;
using Membership.Contracts.Members;
using Membership.Contracts.Rewards;
using Microsoft.AspNetCore.Components;

namespace Membership.Web.Components.Pages.Mobile;

/// <summary>
/// The member picks a reward in LINE: points are held and stock reserved, and a short code is shown for the counter.
/// Opened from the member card with the card's signed token (<see cref="MemberLinkPurpose.Card"/>).
/// </summary>
public sealed partial class MemberRewards
{
    private const string FormName = "redeem-reward";

    [Inject]
    private IMemberLinks Links { get; set; } = default!;

    [Inject]
    private IMembersModule Members { get; set; } = default!;

    [Inject]
    private IRewardsModule Rewards { get; set; } = default!;

    [Inject]
    private IConfiguration Configuration { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "t")]
    private string? T { get; set; }

    [SupplyParameterFromForm(FormName = FormName, Name = "rewardId")]
    private Guid? RewardId { get; set; }

    /// <summary>Fixed when the page was drawn: a double tap or a resent form redeems once.</summary>
    [SupplyParameterFromForm(FormName = FormName, Name = "key")]
    private string? Key { get; set; }

    private MemberSummary? Member { get; set; }

    private MemberRewardOffers? Offers { get; set; }

    private RewardRedemptionResult? Result { get; set; }

    private string? Language => CultureInfo.CurrentUICulture.Name;

    private int Window => Configuration.GetValue("Rewards:PendingMinutes", 30);

    private string CardPath => $"/m/card?t={Uri.EscapeDataString(T ?? "")}";

    protected override async Task OnInitializedAsync()
    {
        if (Links.ReadToken(T, MemberLinkPurpose.Card) is { } lineUserId
            && await Members.FindByLineUserIdAsync(lineUserId) is { Status: MemberStatus.Registered } member)
        {
            // Both at once: the page renders while this method awaits, and must never see a member without offers.
            var offers = await Rewards.GetOffersAsync(member.Id, affordableOnly: true);
            (Member, Offers) = (member, offers);
        }
    }

    private async Task RedeemAsync()
    {
        if (Member is null || RewardId is not { } rewardId || string.IsNullOrWhiteSpace(Key) || Key.Length > 100)
        {
            return;
        }

        Result = await Rewards.RequestPendingAsync(new RedeemRewardRequest(Member.Id, rewardId, $"line:{Key}"));
        Offers = await Rewards.GetOffersAsync(Member.Id, affordableOnly: true);
    }
}
