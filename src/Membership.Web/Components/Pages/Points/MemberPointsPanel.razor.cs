using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Membership.Web.Components.Pages.Points;

public sealed partial class MemberPointsPanel
{
    // A tab's grid exists only once the tab has been shown.
    private MudDataGrid<PointsLedgerEntry>? _ledger;
    private MudDataGrid<PurchaseSummary>? _purchases;
    private PointsBalance? _balance;

    [Inject]
    private IPointsModule Points { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid MemberId { get; set; }

    protected override async Task OnParametersSetAsync() => _balance = await Points.GetBalanceAsync(MemberId);

    private async Task<GridData<PointsLedgerEntry>> LoadLedgerAsync(GridState<PointsLedgerEntry> state, CancellationToken ct)
    {
        var page = await Points.GetLedgerAsync(MemberId, new PageRequest(state.Page + 1, state.PageSize), ct);
        return new GridData<PointsLedgerEntry> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task<GridData<PurchaseSummary>> LoadPurchasesAsync(GridState<PurchaseSummary> state, CancellationToken ct)
    {
        var page = await Points.GetPurchasesAsync(MemberId, new PageRequest(state.Page + 1, state.PageSize), ct);
        return new GridData<PurchaseSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task AdjustAsync()
    {
        var dialog = await Dialogs.ShowAsync<AdjustPointsDialog>(L["Points.Adjust"], new DialogParameters<AdjustPointsDialog>
        {
            { d => d.MemberId, MemberId },
            { d => d.Balance, _balance?.Balance ?? 0 },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Points.Adjusted"], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task RefundAsync(PurchaseSummary purchase)
    {
        var dialog = await Dialogs.ShowAsync<RefundPurchaseDialog>(L["Points.Refund"], new DialogParameters<RefundPurchaseDialog>
        {
            { d => d.Purchase, purchase },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: RefundPurchaseResult result })
        {
            Snackbar.Add(L["Points.RefundDone", result.RefundedAmount.ToString("N0"), result.PointsReversed, result.Balance], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        _balance = await Points.GetBalanceAsync(MemberId);
        if (_ledger is not null)
        {
            await _ledger.ReloadServerData();
        }

        if (_purchases is not null)
        {
            await _purchases.ReloadServerData();
        }
    }
}
