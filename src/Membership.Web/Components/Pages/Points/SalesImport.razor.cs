using System.Security.Claims;
using Membership.Contracts.Points;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace Membership.Web.Components.Pages.Points;

/// <summary>Sales history from a CSV: upload, preview (per-row errors, receipts already recorded), then import off the circuit's thread.</summary>
public sealed partial class SalesImport
{
    private const long MaxFileBytes = 64L * 1024 * 1024;

    private byte[]? _file;
    private string? _fileName;
    private SalesImportPreview? _preview;
    private SalesImportReport? _report;
    private SalesImportProgress? _progress;
    private bool _earnPoints;
    private bool _goodRowsOnly;
    private bool _busy;
    private string? _error;

    [Inject]
    private ISalesImport Import { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    private ThrottledProgress<SalesImportProgress> NewProgress() =>
        new(value => _progress = value, () => InvokeAsync(StateHasChanged), value => value.Stage == SalesImportStage.Done);

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        (_preview, _report, _error, _goodRowsOnly, _earnPoints, _fileName) = (null, null, null, false, false, file.Name);
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
            var user = (await Authentication).User;
            var by = user.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name;
            var options = new SalesImportOptions(_earnPoints, _goodRowsOnly, by);
            var progress = NewProgress();
            _report = await Task.Run(() => Import.ImportAsync(new MemoryStream(_file), options, progress));
            _file = null;
        }
        finally
        {
            _busy = false;
        }
    }
}
