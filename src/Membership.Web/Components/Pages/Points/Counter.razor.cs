using System.Globalization;
using System.Security.Claims;
using Membership.Shared.Privacy;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Contracts.Tiers;
using Membership.Shared.Time;
using Membership.Web.Members;
using Membership.Web.Points;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Extensions;

namespace Membership.Web.Components.Pages.Points;

/// <summary>
/// The counter: scan or type a member code or mobile (a scanner types the code and Enter), record a purchase, redeem
/// points as a discount. Each form carries one idempotency key until it is recorded, so a double tap records once.
/// </summary>
public sealed partial class Counter
{
    private const string CounterRoles = StaffRoles.Owner + "," + StaffRoles.Marketer + "," + StaffRoles.Staff;

    private MudTextField<string> _lookupField = default!;
    private string? _lookup;
    private string? _lookupError;
    private IntegrationMember? _member;
    private MemberTier? _tier;
    private PointsBalance? _balance;
    private PersonalDataView _view = new(false);
    private decimal? _amount;
    private string? _store;
    private string? _receipt;
    private int? _redeemPoints;
    private string? _purchaseError;
    private string? _redeemError;
    private string? _lastResult;
    private bool _busy;
    private PurchaseForm _purchaseForm = PurchaseForm.New(TimeProvider.System);
    private string _redeemKey = Guid.CreateVersion7().ToString();

    [Inject]
    private IMemberIntegration Members { get; set; } = default!;

    [Inject]
    private IPointsModule Points { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private PersonalDataVisibility Visibility { get; set; } = default!;

    [Inject]
    private CounterStores Stores { get; set; } = default!;

    [Inject]
    private CounterPanels Panels { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>Opened from elsewhere (the chat's member panel) with the member already chosen.</summary>
    [SupplyParameterFromQuery(Name = "code")]
    private string? Code { get; set; }

    private CounterMember CounterMember => new(_member!.Id, _member.MemberCode, _member.Name, _balance?.Balance ?? 0, _store ?? Stores.All[0].Code, ReloadBalanceAsync);

    protected override async Task OnInitializedAsync()
    {
        _view = await Visibility.CurrentAsync();
        _store = Stores.All[0].Code;
        _purchaseForm = PurchaseForm.New(Clock);
        if (Code is { Length: > 0 } code)
        {
            _lookup = code;
            await FindAsync();
        }
    }

    private string StoreName(CounterStore store) => store.Name ?? (store.Code == CounterStores.DefaultCode ? L["Points.Store.Default"] : store.Code);

    private async Task LookupKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter")
        {
            _lookup = _lookupField.GetState(x => x.Text);
            await FindAsync();
        }
    }

    private async Task FindAsync()
    {
        var text = _lookup?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        _busy = true;
        try
        {
            ResetForms();
            var member = text.Length == 12 && text.All(char.IsAsciiDigit)
                ? await Members.FindByCodeAsync(text)
                : await Members.FindByMobileAsync(text);
            (_member, _tier, _balance) = (member, null, null);
            _lookupError = member is null ? L["Points.Counter.NotFound"].Value : null;
            if (member is not null)
            {
                _lookup = null;
                _tier = Services.GetService<ITiersModule>() is { } tiers ? await tiers.GetMemberTierAsync(member.Id) : null;
                await ReloadBalanceAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ClearAsync()
    {
        (_member, _tier, _balance, _lookup, _lookupError) = (null, null, null, null, null);
        ResetForms();
        await _lookupField.FocusAsync();
    }

    private void ResetForms()
    {
        (_amount, _receipt, _redeemPoints, _purchaseError, _redeemError, _lastResult) = (null, null, null, null, null, null);
        _purchaseForm = PurchaseForm.New(Clock);
        _redeemKey = Guid.CreateVersion7().ToString();
    }

    private async Task ReloadBalanceAsync()
    {
        _balance = await Points.GetBalanceAsync(_member!.Id);
        await InvokeAsync(StateHasChanged);
    }

    private async Task RecordAsync()
    {
        if (_member is null || _amount is not > 0 || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var receipt = string.IsNullOrWhiteSpace(_receipt) ? _purchaseForm.AutoReceipt : _receipt.Trim();
            var result = await Points.RecordPurchaseAsync(new RecordPurchaseRequest(
                _purchaseForm.Key, new MemberReference(MemberId: _member.Id), _store ?? Stores.All[0].Code, receipt, _amount.Value,
                Clock.GetUtcNow(), PurchaseChannels.Counter, [], RecordedBy: await StaffNameAsync()));
            _purchaseError = PurchaseError(result);
            if (_purchaseError is null)
            {
                _lastResult = L["Points.Counter.Recorded", _amount.Value.ToString("N0", CultureInfo.InvariantCulture), receipt,
                    result.PointsEarned.ToString("N0"), result.Balance.ToString("N0")];
                (_amount, _receipt) = (null, null);
                _purchaseForm = PurchaseForm.New(Clock);
                await ReloadBalanceAsync();
            }
            else if (result.Outcome != PurchaseOutcome.Conflict)
            {
                _purchaseForm = _purchaseForm with { Key = Guid.CreateVersion7().ToString() }; // nothing recorded: a corrected form is a new request
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private string? PurchaseError(RecordPurchaseResult result) => result.Outcome switch
    {
        PurchaseOutcome.Recorded or PurchaseOutcome.Replayed => null,
        PurchaseOutcome.MemberNotFound => L["Points.Counter.NotFound"],
        PurchaseOutcome.Conflict => L["Points.Counter.Conflict", result.ConflictReason ?? ""],
        _ => string.Join(" ", result.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))) is { Length: > 0 } errors
            ? errors
            : L["Points.Counter.Invalid"],
    };

    private async Task RedeemAsync()
    {
        if (_member is null || _redeemPoints is not > 0 || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var points = _redeemPoints.Value;
            var result = await Points.RedeemAsync(new RedeemPointsRequest(
                _member.Id, points, L["Points.Counter.RedeemReason"], _redeemKey, PurchaseChannels.Counter, await StaffNameAsync()));
            _redeemError = result.Outcome switch
            {
                _ when result.Succeeded => null,
                RedeemOutcome.InsufficientBalance => L["Points.Counter.Short", points.ToString("N0"), result.Balance.ToString("N0")],
                _ => result.Reason ?? L["Points.Counter.Invalid"],
            };
            if (result.Succeeded)
            {
                _lastResult = L["Points.Counter.Redeemed", points.ToString("N0"), result.Balance.ToString("N0")];
                _redeemPoints = null;
            }

            _redeemKey = Guid.CreateVersion7().ToString();
            await ReloadBalanceAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<string> StaffNameAsync()
    {
        var user = (await Authentication).User;
        return user.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "?";
    }

    /// <summary>One purchase form: its idempotency key and the receipt number used when the staff leave it empty.</summary>
    private sealed record PurchaseForm(string Key, string AutoReceipt)
    {
        public static PurchaseForm New(TimeProvider clock) => new(
            Guid.CreateVersion7().ToString(),
            $"C{TaipeiTime.Now(clock):yyMMddHHmmss}{Random.Shared.Next(100, 1000)}");
    }
}
