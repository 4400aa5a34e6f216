using System.Security.Claims;
using Membership.Shared.Privacy;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Contracts.Tiers;
using Membership.Web.Members;
using Membership.Web.Segmentation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Segmentation;

/// <summary>
/// The segment builder: groups of conditions with AND / OR and NOT, a live count and reachable count (300 ms after the
/// last change) and a sample of 20. Opened with <c>?definition=</c> (URL-encoded JSON) it starts from that definition.
/// </summary>
public sealed partial class SegmentBuilder
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private SegmentDraftGroup _root = new();
    private SegmentChoices? _choices;
    private SegmentCount? _count;
    private IReadOnlyList<SegmentMember> _sample = [];
    private IReadOnlyList<SegmentDefinitionError> _errors = [];
    private PersonalDataView _view = new(false);
    private List<BreadcrumbItem> _crumbs = [];
    private string? _name;
    private string? _description;
    private bool _notFound;
    private bool _counting;
    private bool _saving;
    private int _version;

    [Inject]
    private ISegmentationModule Segmentation { get; set; } = default!;

    [Inject]
    private ITagsModule Tags { get; set; } = default!;

    [Inject]
    private ITiersModule Tiers { get; set; } = default!;

    [Inject]
    private PersonalDataVisibility Visibility { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Parameter]
    public Guid? SegmentId { get; set; }

    [SupplyParameterFromQuery(Name = "definition")]
    private string? DefinitionJson { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _view = await Visibility.CurrentAsync();
        var tags = (await Tags.ListTagsAsync()).Select(t => t.Name).ToList();
        var tiers = (await Tiers.GetProgramAsync()).Tiers.OrderBy(t => t.Rank).Select(t => (t.Code, t.Name(SegmentChoices.English))).ToList();
        _choices = SegmentChoices.Create(L, tags, tiers);
        _crumbs = [new(L["Segment.Nav"], "/segments"), new(L["Segment.Builder"], null, disabled: true)];
        _errors = [];
        if (SegmentId is { } id)
        {
            var segment = await Segmentation.GetSegmentAsync(id);
            _notFound = segment is null;
            if (segment is null)
            {
                return;
            }

            (_name, _description) = (segment.Name, segment.Description);
            _root = SegmentDraftGroup.FromNode(segment.Definition);
        }
        else if (!string.IsNullOrWhiteSpace(DefinitionJson))
        {
            var parsed = Segmentation.ParseDefinition(DefinitionJson);
            _root = SegmentDraftGroup.FromNode(parsed.Definition);
            _errors = parsed.Errors;
        }
        else
        {
            _root = new SegmentDraftGroup();
            _root.Items.Add(new SegmentDraftCondition());
        }

        await CountAsync();
    }

    /// <summary>Recounts 300 ms after the last change; a newer change in the meantime supersedes this one.</summary>
    private async Task ChangedAsync()
    {
        var version = ++_version;
        await Task.Delay(Debounce);
        if (version == _version)
        {
            await CountAsync();
        }
    }

    private async Task CountAsync()
    {
        var definition = _root.ToNode();
        if (definition is null)
        {
            (_count, _sample) = (null, []);
            return;
        }

        _errors = Segmentation.Validate(definition);
        if (_errors.Count > 0)
        {
            (_count, _sample) = (null, []);
            return;
        }

        _counting = true;
        try
        {
            _count = await Segmentation.CountAsync(definition);
            _sample = await Segmentation.SampleAsync(definition, 20);
        }
        catch (InvalidSegmentDefinitionException ex)
        {
            (_count, _sample, _errors) = (null, [], ex.Errors);
        }
        finally
        {
            _counting = false;
        }
    }

    private async Task SaveAsync()
    {
        if (_root.ToNode() is not { } definition)
        {
            return;
        }

        _saving = true;
        try
        {
            var user = (await Authentication).User;
            var result = await Segmentation.SaveSegmentAsync(new SaveSegmentRequest(
                SegmentId, _name!.Trim(), string.IsNullOrWhiteSpace(_description) ? null : _description.Trim(), definition,
                user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?"));
            switch (result.Outcome)
            {
                case SaveSegmentOutcome.Saved:
                    Snackbar.Add(L["Segment.Saved", _name], Severity.Success);
                    if (SegmentId is null && result.Id is { } id)
                    {
                        Navigation.NavigateTo($"/segments/{id}");
                    }

                    break;
                case SaveSegmentOutcome.Invalid:
                    _errors = result.Errors;
                    break;
                default:
                    Snackbar.Add(L[$"Segment.Error.{result.Outcome}"], Severity.Error);
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
