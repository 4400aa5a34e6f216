using Membership.Shared.Privacy;
using Membership.Contracts.Common;
using System.Text.Json;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Web.Members;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Extensions;

namespace Membership.Web.Components.Pages.Members;

/// <summary>
/// The member list keeps its search, filters, order and page in the URL: a refresh, the back button or a shared link
/// shows the same list, and the CSV export takes the same filter. A scanned member code opens the member.
/// </summary>
public sealed partial class MemberList
{
    private const int PageSize = 25;

    private MudTextField<string> _searchField = default!;
    private MemberListFilter _filter = new();
    private PagedResult<MemberSummary> _page = PagedResult<MemberSummary>.Empty(new PageRequest());
    private PersonalDataView _view = new(false);
    private DateRange? _joined;
    private IReadOnlyList<string> _tags = [];
    private PagedResult<SegmentMember>? _tagPage;

    [Inject]
    private IMemberDirectory Directory { get; set; } = default!;

    [Inject]
    private ITagsModule TagsModule { get; set; } = default!;

    [Inject]
    private ISegmentationModule Segmentation { get; set; } = default!;

    [Inject]
    private PersonalDataVisibility Visibility { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "page")]
    private int? PageNumber { get; set; }

    private string ExportUri => _filter.ToUri(MemberExportEndpoints.Path);

    protected override async Task OnParametersSetAsync()
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query)
            .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        _filter = MemberListFilter.FromQuery(query);
        _joined = _filter.From is null && _filter.To is null
            ? null
            : new DateRange(_filter.From?.ToDateTime(TimeOnly.MinValue), _filter.To?.ToDateTime(TimeOnly.MinValue));
        _view = await Visibility.CurrentAsync();
        _tags = (await TagsModule.ListTagsAsync(includeArchived: true)).Select(t => t.Name).ToList();
        if (_filter.Tag is { } tag)
        {
            _tagPage = await Segmentation.ListMembersAsync(TagDefinition(tag, _filter.Region), new PageRequest(PageNumber ?? 1, PageSize));
            return;
        }

        _tagPage = null;
        _page = await Directory.SearchAsync(_filter.ToQuery(), new PageRequest(PageNumber ?? 1, PageSize), _filter.ToSort());
    }

    /// <summary>
    /// The member directory cannot filter by tag (Tags owns the assignments), so a tag filter lists the members through
    /// Segmentation instead: the tag, and the region when one is chosen; the other filters do not apply then.
    /// </summary>
    private static SegmentNode TagDefinition(string tag, string? region)
    {
        List<SegmentNode> items = [new SegmentCondition(SegmentFields.Tag, SegmentOps.Has, JsonSerializer.SerializeToElement(tag))];
        if (region is not null)
        {
            items.Add(new SegmentCondition(SegmentFields.Region, SegmentOps.In, JsonSerializer.SerializeToElement(new[] { region })));
        }

        return new SegmentAll(items);
    }

    /// <summary>A barcode scanner types the code and Enter: search at once instead of waiting for the debounce.</summary>
    private async Task SearchKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter")
        {
            await SearchAsync(_searchField.GetState(x => x.Text));
        }
    }

    private async Task SearchAsync(string? search)
    {
        var text = search?.Trim();
        if (text is { Length: 12 } && await Directory.FindByMemberCodeAsync(text) is { } member)
        {
            Open(member);
            return;
        }

        if (string.IsNullOrEmpty(text) ? _filter.Search is null : text == _filter.Search)
        {
            return;
        }

        await FilterAsync(_filter with { Search = string.IsNullOrEmpty(text) ? null : text });
    }

    private Task JoinedAsync(DateRange? range) => FilterAsync(_filter with
    {
        From = range?.Start is { } start ? DateOnly.FromDateTime(start) : null,
        To = range?.End is { } end ? DateOnly.FromDateTime(end) : null,
    });

    private Task FilterAsync(MemberListFilter filter)
    {
        Navigation.NavigateTo(filter.ToUri("/members"), replace: true);
        return Task.CompletedTask;
    }

    private Task PageAsync(int page)
    {
        Navigation.NavigateTo(_filter.ToUri("/members", new Dictionary<string, string?> { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        return Task.CompletedTask;
    }

    private Task SortAsync(MemberSortField field) =>
        FilterAsync(_filter with { Sort = field, Descending = _filter.Sort != field || !_filter.Descending });

    private void Open(MemberSummary member) => Navigation.NavigateTo($"/members/{member.Id}");

    private async Task CreateOfflineAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateOfflineMemberDialog>(L["MemberPages.Create"]);
        if (await dialog.Result is { Canceled: false, Data: MemberSummary created })
        {
            Open(created);
        }
    }

    private string RegionName(string? code) => TaiwanRegions.Find(code) is { } region
        ? System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? region.ZhName : region.EnName
        : "—";

    private RenderFragment SortHeader(MemberSortField field, string title) => builder =>
    {
        var icon = _filter.Sort != field ? Icons.Material.Filled.UnfoldMore
            : _filter.Descending ? Icons.Material.Filled.ArrowDownward : Icons.Material.Filled.ArrowUpward;
        builder.OpenComponent<MudButton>(0);
        builder.AddAttribute(1, nameof(MudButton.Variant), Variant.Text);
        builder.AddAttribute(2, nameof(MudButton.Size), Size.Small);
        builder.AddAttribute(3, nameof(MudButton.EndIcon), icon);
        builder.AddAttribute(4, nameof(MudButton.OnClick), EventCallback.Factory.Create<MouseEventArgs>(this, () => SortAsync(field)));
        builder.AddAttribute(5, "data-testid", $"sort-{field}");
        builder.AddAttribute(6, nameof(MudButton.ChildContent), (RenderFragment)(b => b.AddContent(0, title)));
        builder.CloseComponent();
    };
}
