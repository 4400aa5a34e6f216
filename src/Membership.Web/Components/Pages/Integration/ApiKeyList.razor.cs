using Membership.Contracts.Common;
using Membership.Web.Integration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Integration;

public sealed partial class ApiKeyList
{
    private MudDataGrid<ApiKeyListItem> _grid = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ApiKeyDirectory Keys { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task<GridData<ApiKeyListItem>> LoadAsync(GridState<ApiKeyListItem> state, CancellationToken ct)
    {
        var page = await Keys.ListAsync(new PageRequest(state.Page + 1, state.PageSize), ct);
        return new GridData<ApiKeyListItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateApiKeyDialog>(L["ApiKeys.Create"]);
        if (await dialog.Result is not { Canceled: false, Data: NewApiKey requested })
        {
            return;
        }

        var created = await Keys.CreateAsync(requested.Name, await ActorAsync(), scopes: requested.Scopes);
        await _grid.ReloadServerData();
        await Dialogs.ShowAsync<ApiKeySecretDialog>(
            L["ApiKeys.Secret.Title"],
            new DialogParameters<ApiKeySecretDialog> { { d => d.Key, created } },
            new DialogOptions { BackdropClick = false, CloseOnEscapeKey = false, MaxWidth = MaxWidth.Medium, FullWidth = true });
    }

    private async Task RevokeAsync(ApiKeyListItem key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["ApiKeys.Revoke"], L["ApiKeys.Revoke.Confirm", key.Name, key.Prefix],
            yesText: L["ApiKeys.Revoke"], cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        if (await Keys.RevokeAsync(key.Id, await ActorAsync()))
        {
            Snackbar.Add(L["ApiKeys.Revoked.Done", key.Name], Severity.Success);
        }

        await _grid.ReloadServerData();
    }

    private async Task<string?> ActorAsync() => (await AuthenticationState).User.Identity?.Name;
}

/// <summary>What the create dialog returns: the key's name and the scopes picked.</summary>
public sealed record NewApiKey(string Name, IReadOnlyList<string> Scopes);
