using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Membership.Web.Components.Pages.Tags;

/// <summary>
/// Bulk tagging: every member of a saved segment as it matches now (streamed, tagged in chunks), or the members listed
/// in a CSV of member codes or mobiles, with a progress bar and a report per row.
/// </summary>
public sealed partial class BulkTag
{
    private const long MaxCsvBytes = 20 * 1024 * 1024;
    private const int Chunk = 5_000;

    private IReadOnlyList<TagDefinition> _tags = [];
    private IReadOnlyList<SavedSegment> _segments = [];
    private List<BreadcrumbItem> _crumbs = [];
    private Guid? _tagId;
    private Guid? _segmentId;
    private bool _fromCsv;
    private bool _onlyGoodRows;
    private bool _busy;
    private byte[]? _file;
    private string? _fileName;
    private int _lines;
    private int _done;
    private BulkTagResult? _segmentResult;
    private BulkTagCsvResult? _csvResult;

    [Inject]
    private ITagsModule TagsModule { get; set; } = default!;

    [Inject]
    private ISegmentationModule Segmentation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "segment")]
    private Guid? SegmentQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _crumbs = [new(L["Tags.Nav"], "/tags"), new(L["Tags.Bulk.Nav"], null, disabled: true)];
        _tags = await TagsModule.ListTagsAsync();
        _segments = await Segmentation.ListSegmentsAsync();
        _segmentId = SegmentQuery;
    }

    private async Task TagSegmentAsync()
    {
        if (await Segmentation.GetSegmentAsync(_segmentId!.Value) is not { } segment)
        {
            return;
        }

        _busy = true;
        try
        {
            var by = TagActors.Of((await Authentication).User);
            var total = new BulkTagResult(0, 0, 0);
            var ids = new List<Guid>(Chunk);
            await foreach (var id in Segmentation.StreamMemberIdsAsync(segment.Definition))
            {
                ids.Add(id);
                if (ids.Count == Chunk)
                {
                    total = Add(total, await TagsModule.TagMembersAsync(_tagId!.Value, ids, by));
                    ids = new List<Guid>(Chunk);
                }
            }

            if (ids.Count > 0)
            {
                total = Add(total, await TagsModule.TagMembersAsync(_tagId!.Value, ids, by));
            }

            _segmentResult = total;
        }
        finally
        {
            _busy = false;
        }
    }

    private static BulkTagResult Add(BulkTagResult a, BulkTagResult b) => new(a.Tagged + b.Tagged, a.AlreadyTagged + b.AlreadyTagged, a.Unknown + b.Unknown);

    private async Task UploadAsync(IBrowserFile file)
    {
        _file = await Components.UploadedFiles.ReadAllAsync(file, MaxCsvBytes);
        _fileName = file.Name;
        _lines = Math.Max(1, _file.Count(b => b == (byte)'\n') + (_file.Length > 0 && _file[^1] != (byte)'\n' ? 1 : 0));
        _csvResult = null;
    }

    private async Task TagCsvAsync()
    {
        _busy = true;
        _done = 0;
        try
        {
            var request = new BulkTagCsvRequest(_tagId!.Value, _onlyGoodRows, TagActors.Of((await Authentication).User));
            var progress = new Components.ThrottledProgress<int>(value => _done = value, () => InvokeAsync(StateHasChanged), value => value >= _lines);
            var file = _file!;
            _csvResult = await Task.Run(() => TagsModule.TagFromCsvAsync(request, new MemoryStream(file), progress));
        }
        finally
        {
            _busy = false;
        }
    }

    private static Color ColorOf(BulkTagRowStatus status) => status switch
    {
        BulkTagRowStatus.Tagged => Color.Success,
        BulkTagRowStatus.AlreadyTagged or BulkTagRowStatus.NotApplied => Color.Default,
        _ => Color.Error,
    };
}
