using Membership.Contracts.Members;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Membership.Web.Components.Pages.Members;

/// <summary>
/// Upload, preview (per-row errors), then import. The file is kept in memory between the two steps; the work runs off
/// the circuit's thread so the progress bar can move, repainted at most every 200 ms.
/// </summary>
public sealed partial class MemberImport
{
    private const long MaxFileBytes = 64L * 1024 * 1024;

    private readonly List<BreadcrumbItem> _crumbs = [];
    private byte[]? _file;
    private string? _fileName;
    private MemberImportPreview? _preview;
    private MemberImportReport? _report;
    private MemberImportProgress? _progress;
    private ExistingMemberHandling _existing = ExistingMemberHandling.Merge;
    private bool _goodRowsOnly;
    private bool _busy;
    private string? _error;

    [Inject]
    private IMemberImport Import { get; set; } = default!;

    protected override void OnInitialized()
    {
        _crumbs.Add(new BreadcrumbItem(L["Nav.Members"], "/members"));
        _crumbs.Add(new BreadcrumbItem(L["MemberPages.Import"], null, disabled: true));
    }

    private ThrottledProgress<MemberImportProgress> NewProgress() =>
        new(value => _progress = value, () => InvokeAsync(StateHasChanged), value => value.Stage == MemberImportStage.Done);

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        (_preview, _report, _error, _goodRowsOnly, _fileName) = (null, null, null, false, file.Name);
        if (file.Size > MaxFileBytes)
        {
            _error = L["MemberImport.TooLarge"];
            return;
        }

        _busy = true;
        try
        {
            _file = await UploadedFiles.ReadAllAsync(file, MaxFileBytes);
            var progress = NewProgress();
            _preview = await Task.Run(() => Import.PreviewAsync(new MemoryStream(_file), progress));
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ImportAsync()
    {
        if (_file is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var progress = NewProgress();
            var options = new MemberImportOptions(_existing, _goodRowsOnly);
            _report = await Task.Run(() => Import.ImportAsync(new MemoryStream(_file), options, progress));
            _file = null;
        }
        finally
        {
            _busy = false;
        }
    }
}
