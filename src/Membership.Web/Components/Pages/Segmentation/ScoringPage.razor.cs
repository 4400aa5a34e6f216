using System.Globalization;
using Membership.Contracts.Segmentation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Segmentation;

/// <summary>How scoring works (the definitions, in the console's language), its runs, "score now", and the Owner's settings.</summary>
public sealed partial class ScoringPage
{
    private static readonly string[] DefinitionKeys = ["AsOf", "Window", "Rfm", "Scores", "Types", "Cycle", "Nes"];

    private IReadOnlyList<ScoringRun> _runs = [];
    private ScoringSettings _settings = new();
    private bool _starting;
    private bool _saving;
    private bool _isOwner;

    [Inject]
    private ISegmentationModule Segmentation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _isOwner = (await Authentication).User.IsInRole(Membership.Contracts.Common.StaffRoles.Owner);
        _settings = await Segmentation.GetSettingsAsync();
        await LoadRunsAsync();
    }

    private async Task LoadRunsAsync() => _runs = await Segmentation.ListScoringRunsAsync(20);

    private async Task StartAsync()
    {
        _starting = true;
        try
        {
            var result = await Segmentation.StartScoringRunAsync(await UserNameAsync());
            Snackbar.Add(result.AlreadyRunning ? L["Scoring.AlreadyRunning"] : L["Scoring.Queued"], result.AlreadyRunning ? Severity.Warning : Severity.Success);
            await LoadRunsAsync();
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var result = await Segmentation.SaveSettingsAsync(_settings, await UserNameAsync());
            Snackbar.Add(result.Succeeded ? L["Scoring.SettingsSaved"] : result.Error ?? L["Scoring.SettingsInvalid"], result.Succeeded ? Severity.Success : Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task<string> UserNameAsync() => (await Authentication).User.Identity?.Name ?? "?";

    private static string Duration(ScoringRun run) => run is { StartedAt: { } started, FinishedAt: { } finished }
        ? (finished - started).TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture)
        : "—";

    private static Color ColorOf(ScoringRunStatus status) => status switch
    {
        ScoringRunStatus.Succeeded => Color.Success,
        ScoringRunStatus.Failed => Color.Error,
        ScoringRunStatus.Running => Color.Info,
        _ => Color.Default,
    };
}
