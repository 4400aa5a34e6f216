using Membership.Contracts.Automation;
using Membership.Contracts.Coupons;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Contracts.Tiers;
using Membership.Web.Components.Pages.Segmentation;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Automation;

/// <summary>
/// A journey as a vertical flow: name, holdout and re-entry, the trigger with the fields its kind needs, exit rules,
/// then the steps top to bottom (add, move, remove; conditions branch forward), each with its funnel counts. Saving
/// keeps the status; activating checks every step first.
/// </summary>
public sealed partial class JourneyEditor
{
    private List<BreadcrumbItem> _crumbs = [];
    private JourneyDraft? _draft;
    private JourneyDetail? _detail;
    private Dictionary<string, JourneyStepCounts> _counts = [];
    private bool _notFound;
    private bool _saving;
    private IReadOnlyList<TagDefinition> _tags = [];
    private IReadOnlyList<CouponDefinition> _coupons = [];
    private IReadOnlyList<SavedSegment> _segments = [];
    private IReadOnlyList<TierDefinition> _tiers = [];
    private SegmentChoices? _choices;
    private IReadOnlyList<AutomationError> _errors = [];

    [Parameter]
    public Guid? Id { get; set; }

    [Inject]
    private IAutomationModule Automation { get; set; } = default!;

    [Inject]
    private ITagsModule TagsModule { get; set; } = default!;

    [Inject]
    private ICouponsModule Coupons { get; set; } = default!;

    [Inject]
    private ISegmentationModule Segmentation { get; set; } = default!;

    [Inject]
    private ITiersModule Tiers { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _crumbs = [new(L["Automation.Nav"], "/automation"), new(L["Automation.Journey"], null, disabled: true)];
        _tags = (await TagsModule.ListTagsAsync()).Where(t => !t.Archived).ToList();
        _coupons = await Coupons.ListActiveDefinitionsAsync();
        _segments = await Segmentation.ListSegmentsAsync();
        _tiers = (await Tiers.GetProgramAsync()).Tiers.OrderBy(t => t.Rank).ToList();
        _choices = SegmentChoices.Create(L, _tags.Select(t => t.Name).ToList(), _tiers.Select(t => (t.Code, t.Name(SegmentChoices.English))).ToList());
        await LoadAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_draft is not null && _detail?.Journey.Id != Id)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        if (Id is not { } id)
        {
            var draft = new JourneyDraft();
            draft.Steps.Add(StepDraft.New(draft.NextStepId(), JourneyStepKind.SendMessages));
            _draft = draft;
            return;
        }

        if (await Automation.GetJourneyAsync(id) is not { } detail)
        {
            _notFound = true;
            return;
        }

        _detail = detail;
        _counts = detail.Steps.ToDictionary(s => s.StepId);
        var loaded = JourneyDraft.Of(detail.Journey);
        for (var i = 0; i < loaded.Steps.Count; i++)
        {
            loaded.Steps[i].LoadSegment(detail.Journey.Steps[i], Segmentation);
        }

        _draft = loaded;
    }

    private void AddStep(JourneyStepKind kind) => _draft!.Steps.Add(StepDraft.New(_draft.NextStepId(), kind));

    private void Move(int index, int by)
    {
        var steps = _draft!.Steps;
        var to = index + by;
        if (to >= 0 && to < steps.Count)
        {
            (steps[index], steps[to]) = (steps[to], steps[index]);
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var draft = _draft!;
            var steps = new List<JourneyStep>();
            var errors = new List<AutomationError>();
            for (var i = 0; i < draft.Steps.Count; i++)
            {
                if (draft.Steps[i].ToStep(Segmentation, out var invalid) is { } step)
                {
                    steps.Add(step);
                }
                else
                {
                    errors.Add(new($"steps[{i}].{invalid}", L["Automation.StepInvalid"]));
                }
            }

            if (errors.Count > 0)
            {
                _errors = errors;
                return;
            }

            var by = (await Authentication).User.StaffName();
            var result = await Automation.SaveJourneyAsync(new SaveJourneyRequest(
                Id, draft.Name, draft.Description, draft.Trigger(), steps, draft.Exit(), draft.ReentryDays, draft.HoldoutPercent, by));
            _errors = result.Errors;
            if (result.Succeeded)
            {
                Snackbar.Add(L["Automation.Saved"], Severity.Success);
                if (Id is null)
                {
                    Navigation.NavigateTo($"/automation/journeys/{result.Id}");
                }
                else
                {
                    await LoadAsync();
                }
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task ActivateAsync()
    {
        var result = await Automation.ActivateJourneyAsync(Id!.Value, (await Authentication).User.StaffName());
        _errors = result.Errors;
        await LoadAsync();
    }

    private async Task PauseAsync()
    {
        await Automation.PauseJourneyAsync(Id!.Value, (await Authentication).User.StaffName());
        await LoadAsync();
    }
}
