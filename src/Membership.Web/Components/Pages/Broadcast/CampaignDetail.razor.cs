using System.Text.Json;
using Membership.Contracts.Broadcast;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Broadcast;

/// <summary>
/// One campaign: scheduling while a draft, live progress while it sends (refreshed every second: counts, rate and ETA),
/// its results once it has started, and its messages in a phone frame.
/// </summary>
public sealed partial class CampaignDetail
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);

    private Campaign? _campaign;
    private CampaignPreview? _preview;
    private CampaignResults? _results;
    private IReadOnlyList<JsonElement> _sample = [];
    private IReadOnlyList<Campaign> _occurrences = [];
    private List<BreadcrumbItem> _crumbs = [];
    private bool _notFound;
    private Timer? _timer;
    private Guid _testKey = Guid.NewGuid(); // a double click sends once; a new key after each test send
    private bool _testSending;
    private int _refreshing;

    [Inject]
    private IBroadcastModule Broadcast { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Parameter]
    public Guid CampaignId { get; set; }

    private bool Live => _campaign?.Status is CampaignStatus.Scheduled or CampaignStatus.Sending or CampaignStatus.Paused;

    private int RecipientsToSend => _campaign is { } c ? c.Counts.Pending + c.Counts.Sent + c.Counts.Failed : 0;

    private double ProgressPercent => RecipientsToSend == 0 ? 0 : 100.0 * (_campaign!.Counts.Sent + _campaign.Counts.Failed) / RecipientsToSend;

    /// <summary>Recipients per second since the start, while sending.</summary>
    private double? Rate => _campaign is { Status: CampaignStatus.Sending, StartedAt: { } started } c && Clock.GetUtcNow() - started is { TotalSeconds: > 1 } elapsed
        ? (c.Counts.Sent + c.Counts.Failed) / elapsed.TotalSeconds
        : null;

    private TimeSpan? Eta => Rate is > 0 and var rate && _campaign!.Counts.Pending > 0 ? TimeSpan.FromSeconds(Math.Ceiling(_campaign.Counts.Pending / rate)) : null;

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new(L["Campaign.Nav"], "/campaigns"), new(L["Campaign.Detail"], null, disabled: true)];
        await ReloadAsync();
        if (_campaign is { } campaign)
        {
            _sample = (await Broadcast.RenderSampleAsync(campaign.Messages, null, campaign.CouponDefinitionId)).Messages;
        }

        _timer ??= new Timer(_ => _ = InvokeAsync(TickAsync), null, RefreshEvery, RefreshEvery);
    }

    private async Task ReloadAsync()
    {
        _campaign = await Broadcast.GetCampaignAsync(CampaignId);
        _notFound = _campaign is null;
        _preview = _campaign?.Status == CampaignStatus.Draft ? await Broadcast.PreviewAsync(CampaignId) : null;
        _occurrences = _campaign?.Recurrence is null ? [] : await Broadcast.ListOccurrencesAsync(CampaignId);
        if (_campaign?.StartedAt is not null)
        {
            _results = await Broadcast.GetResultsAsync(CampaignId, lineFigures: !Live);
        }
    }

    private async Task TickAsync()
    {
        if (!Live || Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            var wasLive = Live;
            _campaign = await Broadcast.GetCampaignAsync(CampaignId);
            if (wasLive && !Live)
            {
                await ReloadAsync(); // finished: the results with LINE's figures
            }

            StateHasChanged();
        }
        finally
        {
            _refreshing = 0;
        }
    }

    private async Task RefreshResultsAsync() => _results = await Broadcast.GetResultsAsync(CampaignId, lineFigures: true);

    private async Task TestSendAsync()
    {
        _testSending = true;
        try
        {
            var user = (await Authentication).User;
            var result = await Broadcast.TestSendAsync(CampaignId, _testKey, user.StaffName());
            _testKey = Guid.NewGuid();
            Snackbar.Add(L["Campaign.TestSent", result.Sent] + (result.Errors.Count > 0 ? " " + string.Join(" ", result.Errors) : ""),
                result.Sent > 0 && result.Errors.Count == 0 ? Severity.Success : Severity.Warning);
        }
        finally
        {
            _testSending = false;
        }
    }

    private Task CancelAsync() => ChangeAsync(Broadcast.CancelAsync, "Campaign.Cancelled");

    private Task PauseAsync() => ChangeAsync(Broadcast.PauseAsync, "Campaign.Paused");

    private Task ResumeAsync() => ChangeAsync(Broadcast.ResumeAsync, "Campaign.Resumed");

    private async Task ChangeAsync(Func<Guid, string, CancellationToken, Task<bool>> change, string message)
    {
        var user = (await Authentication).User;
        var changed = await change(CampaignId, user.StaffName(), CancellationToken.None);
        Snackbar.Add(changed ? L[message] : L["Campaign.NotChanged"], changed ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    public void Dispose() => _timer?.Dispose();
}
