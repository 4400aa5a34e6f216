using System.Globalization;
using System.Security.Claims;
using Membership.Contracts.Audit;
using Membership.Contracts.Points;
using Membership.Web.Points;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Points;

/// <summary>The Owner's earn rules: checked here with an error per field, saved through the Points module, audited.</summary>
public sealed partial class EarnRulesSettings
{
    private EarnRulesForm? _form;
    private Dictionary<string, string> _errors = [];
    private string? _saveError;
    private bool _saving;

    [Inject]
    private IPointsModule Points { get; set; } = default!;

    [Inject]
    private IAuditTrail Audit { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _form = EarnRulesForm.From(await Points.GetEarnRulesAsync());

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var key) ? L[key].Value : null;

    private async Task SaveAsync()
    {
        _errors = _form!.Validate();
        _saveError = null;
        if (_errors.Count > 0)
        {
            return;
        }

        _saving = true;
        try
        {
            var user = (await Authentication).User;
            var by = user.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "?";
            var saved = await Points.SaveEarnRulesAsync(_form.ToRules(), by);
            await Audit.RecordAsync(new AuditRecord("points.rules-saved", "points-rules", "earn-rules", Describe(saved)));
            _form = EarnRulesForm.From(saved);
            Snackbar.Add(L["Points.Rules.Saved"], Severity.Success);
        }
        catch (ArgumentException ex)
        {
            _saveError = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    private static string Describe(EarnRules rules) => string.Create(CultureInfo.InvariantCulture,
        $"NT${rules.AmountPerPoint}/point, expiry {rules.ExpiryMonths} months, welcome {rules.WelcomePoints}, " +
        $"{rules.CategoryBonuses.Count} category bonuses, {rules.Campaigns.Count} campaigns, reminder {(rules.ExpiryReminderEnabled ? "on" : "off")}");
}
