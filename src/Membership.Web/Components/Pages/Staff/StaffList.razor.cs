using Membership.Contracts.Common;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Membership.Web.Components.Pages.Staff;

public sealed partial class StaffList
{
    private MudDataGrid<StaffMember> _grid = default!;
    private string? _search;

    [Inject]
    private StaffDirectory Directory { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task<GridData<StaffMember>> LoadAsync(GridState<StaffMember> state, CancellationToken ct)
    {
        var page = await Directory.ListAsync(new PageRequest(state.Page + 1, state.PageSize), _search, ct);
        return new GridData<StaffMember> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task SearchAsync(string? search)
    {
        _search = search;
        await _grid.ReloadServerData();
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateStaffDialog>(L["Staff.Create"]);
        if (await dialog.Result is { Canceled: false, Data: StaffCredentials credentials })
        {
            await ShowCredentialsAsync(credentials);
            await _grid.ReloadServerData();
        }
    }

    private Task SetRoleAsync(StaffMember member, string role) =>
        RunAsync(() => Directory.SetRoleAsync(member.Id, role), L["Staff.RoleChanged"]);

    private Task ToggleLockAsync(StaffMember member) =>
        RunAsync(() => Directory.SetLockedAsync(member.Id, !member.IsLocked), member.IsLocked ? L["Staff.Unlocked"] : L["Staff.LockedDone"]);

    private Task SetPersonalDataAccessAsync(StaffMember member, bool canSee) =>
        RunAsync(() => Directory.SetPersonalDataAccessAsync(member.Id, canSee), canSee ? L["Privacy.PersonalData.Granted"] : L["Privacy.PersonalData.Revoked"]);

    private async Task ResetPasswordAsync(StaffMember member)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Staff.ResetPassword"], L["Staff.ResetPassword.Confirm", member.Email],
            yesText: L["Common.Confirm"], cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        try
        {
            await ShowCredentialsAsync(await Directory.ResetPasswordAsync(member.Id));
            await _grid.ReloadServerData();
        }
        catch (StaffOperationException ex)
        {
            Snackbar.Add(L[$"Staff.Error.{ex.Code}"], Severity.Error);
        }
    }

    private async Task RunAsync(Func<Task> operation, string success)
    {
        try
        {
            await operation();
            Snackbar.Add(success, Severity.Success);
        }
        catch (StaffOperationException ex)
        {
            Snackbar.Add(L[$"Staff.Error.{ex.Code}"], Severity.Error);
        }

        await _grid.ReloadServerData();
    }

    private Task ShowCredentialsAsync(StaffCredentials credentials) =>
        Dialogs.ShowAsync<StaffCredentialsDialog>(
            L["Staff.Credentials.Title"],
            new DialogParameters<StaffCredentialsDialog> { { d => d.Credentials, credentials } });
}
