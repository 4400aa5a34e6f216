using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Membership.Web.Components.Pages.Tags;

/// <summary>Creates or edits a tag rule; the fields shown depend on the rule's kind.</summary>
public sealed partial class TagRuleDialog
{
    private IReadOnlyList<TagDefinition> _tags = [];
    private IReadOnlyList<SavedSegment> _segments = [];
    private string? _name;
    private Guid? _tagId;
    private TagRuleKind _kind;
    private KeywordMatch _match;
    private string? _keyword;
    private string? _category;
    private decimal? _minimum;
    private Guid? _segmentId;
    private bool _enabled = true;
    private string? _error;
    private bool _saving;

    [Inject]
    private ITagsModule TagsModule { get; set; } = default!;

    [Inject]
    private ISegmentationModule Segmentation { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public TagRule? Rule { get; set; }

    [Parameter]
    public TagActor By { get; set; } = TagActor.System("console");

    protected override async Task OnInitializedAsync()
    {
        _tags = await TagsModule.ListTagsAsync();
        _segments = await Segmentation.ListSegmentsAsync();
        if (Rule is { } r)
        {
            (_name, _tagId, _kind, _match, _keyword, _category, _minimum, _segmentId, _enabled) =
                (r.Name, r.TagId, r.Kind, r.Match, r.Keyword, r.Category, r.MinimumAmount, r.SegmentId, r.Enabled);
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var request = new SaveTagRuleRequest(Rule?.Id, _name!.Trim(), _tagId!.Value, _kind, _match,
                _kind is TagRuleKind.MessageKeyword or TagRuleKind.Postback ? _keyword?.Trim() : null,
                _kind == TagRuleKind.PurchaseCategory ? _category?.Trim() : null,
                _kind == TagRuleKind.PurchaseTotal ? _minimum : null,
                _kind == TagRuleKind.SegmentMembership ? _segmentId : null,
                _enabled, By);
            var result = await TagsModule.SaveRuleAsync(request);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Rule));
                return;
            }

            _error = result.Error ?? L["Tags.Rules.Invalid"];
        }
        finally
        {
            _saving = false;
        }
    }
}
