using System.Globalization;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Tags;

/// <summary>The rules that tag members automatically, each with its on/off switch and how many members it tagged.</summary>
public sealed partial class TagRules
{
    private IReadOnlyList<TagRule>? _rules;
    private IReadOnlyDictionary<Guid, string> _segments = new Dictionary<Guid, string>();
    private List<BreadcrumbItem> _crumbs = [];

    [Inject]
    private ITagsModule TagsModule { get; set; } = default!;

    [Inject]
    private ISegmentationModule Segmentation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _crumbs = [new(L["Tags.Nav"], "/tags"), new(L["Tags.Rules.Nav"], null, disabled: true)];
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _rules = await TagsModule.ListRulesAsync();
        _segments = (await Segmentation.ListSegmentsAsync()).ToDictionary(s => s.Id, s => s.Name);
    }

    private string Describe(TagRule rule) => rule.Kind switch
    {
        TagRuleKind.MessageKeyword => L[$"Tags.Rules.Describe.Keyword.{rule.Match}", rule.Keyword ?? ""],
        TagRuleKind.Postback => L["Tags.Rules.Describe.Postback", rule.Keyword ?? ""],
        TagRuleKind.PurchaseCategory => L["Tags.Rules.Describe.Category", rule.Category ?? ""],
        TagRuleKind.PurchaseTotal => L["Tags.Rules.Describe.Total", (rule.MinimumAmount ?? 0).ToString("#,0", CultureInfo.InvariantCulture)],
        TagRuleKind.Registration => L["Tags.Rules.Describe.Registration"],
        TagRuleKind.SegmentMembership => L["Tags.Rules.Describe.Segment",
            rule.SegmentId is { } id && _segments.TryGetValue(id, out var name) ? name : "—"],
        _ => rule.Kind.ToString(),
    };

    private async Task EnableAsync(TagRule rule, bool enabled)
    {
        await TagsModule.SetRuleEnabledAsync(rule.Id, enabled, TagActors.Of((await Authentication).User));
        await LoadAsync();
    }

    private async Task EditAsync(TagRule? rule)
    {
        var by = TagActors.Of((await Authentication).User);
        var dialog = await Dialogs.ShowAsync<TagRuleDialog>(rule is null ? L["Tags.Rules.New"] : L["Tags.Rules.Edit"],
            new DialogParameters<TagRuleDialog> { { d => d.Rule, rule }, { d => d.By, by } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Tags.Rules.Saved"], Severity.Success);
            await LoadAsync();
        }
    }
}
