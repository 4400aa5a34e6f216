using System.Security.Claims;
using Membership.Shared.Privacy;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Members;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Members;

public sealed partial class MemberDetail
{
    private readonly List<TimelineEntry> _timeline = [];
    private MemberProfile? _profile;
    private PersonalDataView _view = new(false);
    private bool _loaded;
    private int _timelineTotal;
    private int _timelinePage;
    private List<BreadcrumbItem> _crumbs = [];

    [Inject]
    private IMembersModule Members { get; set; } = default!;

    [Inject]
    private IMemberDirectory Directory { get; set; } = default!;

    [Inject]
    private PersonalDataVisibility Visibility { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Parameter]
    public Guid MemberId { get; set; }

    private string Title => _profile?.Name ?? _profile?.LineDisplayName ?? _profile?.MemberCode ?? L["Nav.Members"];

    protected override async Task OnParametersSetAsync()
    {
        _view = await Visibility.CurrentAsync();
        _profile = await Directory.GetProfileAsync(MemberId);
        _crumbs = [new(L["Nav.Members"], "/members"), new(_profile is null ? "—" : Title, null, disabled: true)];
        await ReloadTimelineAsync();
        _loaded = true;
    }

    private async Task ReloadTimelineAsync()
    {
        _timeline.Clear();
        _timelinePage = 0;
        await MoreAsync();
    }

    private async Task MoreAsync()
    {
        var page = await Members.GetTimelineAsync(MemberId, new PageRequest(++_timelinePage, 50));
        _timeline.AddRange(page.Items);
        _timelineTotal = page.TotalCount;
    }

    private async Task EditAsync()
    {
        var dialog = await Dialogs.ShowAsync<EditProfileDialog>(L["MemberPages.Edit"], new DialogParameters<EditProfileDialog>
        {
            { d => d.Profile, _profile! },
            { d => d.ShowPersonalData, _view.InFull },
        }, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: MemberProfile profile })
        {
            _profile = profile;
            Snackbar.Add(L["MemberPages.Saved"], Severity.Success);
            await ReloadTimelineAsync();
        }
    }

    private static string Or(string value) => string.IsNullOrEmpty(value) ? "—" : value;

    private static Color ColorOf(string kind) => kind switch
    {
        TimelineKinds.FriendAdded or TimelineKinds.FriendReturned or TimelineKinds.Registered => Color.Success,
        TimelineKinds.FriendBlocked => Color.Error,
        TimelineKinds.ProfileChanged or TimelineKinds.NoteAdded => Color.Warning,
        _ => Color.Info,
    };
}
