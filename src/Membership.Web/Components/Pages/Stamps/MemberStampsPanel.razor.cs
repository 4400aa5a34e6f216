using Membership.Contracts.Stamps;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Stamps;

public sealed partial class MemberStampsPanel
{
    private IReadOnlyList<StampCard> _cards = [];
    private IReadOnlyList<StampCardDefinition> _active = [];
    private IReadOnlyList<EarnedStampReward> _rewards = [];
    private IReadOnlyList<StampEntry> _history = [];
    private Guid _definitionId;
    private int _count = 1;
    private string? _reason;
    private bool _busy;

    // One key per submission: a double click or a retry of the same submission adds the stamps once.
    private string _submissionKey = Guid.NewGuid().ToString("N");

    [Inject]
    private IStampsModule Stamps { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Parameter]
    public Guid MemberId { get; set; }

    /// <summary>Raised after stamps were added or a reward handed out (the page reloads its timeline).</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _active = await Stamps.GetDefinitionsAsync(includeInactive: false);
        if (_definitionId == Guid.Empty && _active.Count > 0)
        {
            _definitionId = _active[0].Id;
        }

        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _cards = await Stamps.GetMemberCardsAsync(MemberId);
        _rewards = await Stamps.GetRewardsAsync(MemberId);
        _history = await Stamps.GetHistoryAsync(MemberId, 20);
    }

    private async Task AddAsync()
    {
        _busy = true;
        try
        {
            var result = await Stamps.AddStampsAsync(new AddStampsRequest(MemberId, _definitionId, _count, _reason ?? "", await StaffNameAsync(), _submissionKey));
            if (result.Outcome is AddStampsOutcome.Added or AddStampsOutcome.Replayed)
            {
                _submissionKey = Guid.NewGuid().ToString("N");
                _reason = null;
                _count = 1;
                var earned = result.RewardsEarned.Count == 0 ? "" : " " + L["Stamps.Panel.Earned", string.Join("、", result.RewardsEarned.Select(r => r.Description))];
                Snackbar.Add(L["Stamps.Panel.Added"] + earned, Severity.Success);
                await ReloadAsync();
                await Changed.InvokeAsync();
            }
            else
            {
                Snackbar.Add(L[result.Error ?? "Stamps.Error.ManualInput"], Severity.Error);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task HandOutAsync(Guid rewardId)
    {
        _busy = true;
        try
        {
            if (!await Stamps.HandOutRewardAsync(rewardId, await StaffNameAsync()))
            {
                Snackbar.Add(L["Stamps.Panel.AlreadyHandedOut"], Severity.Warning);
            }

            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<string> StaffNameAsync()
    {
        var user = (await Authentication).User;
        return user.StaffName();
    }
}
