using Membership.Contracts.Tiers;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Tiers;

/// <summary>The Owner's tier definitions: rows in rank order (the first is the entry tier), saved all at once.</summary>
public sealed partial class TierSettings
{
    private List<TierRow>? _rows;
    private TierBasis _basis;
    private bool _saving;

    [Inject]
    private ITiersModule Tiers { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync() => Load(await Tiers.GetProgramAsync());

    private void Load(TierProgram program)
    {
        _basis = program.Basis;
        _rows = program.Tiers.OrderBy(t => t.Rank).Select(TierRow.From).ToList();
    }

    private void AddRow()
    {
        var top = _rows!.LastOrDefault();
        _rows!.Add(new TierRow { Code = "", NameZh = "", NameEn = "", Threshold = (top?.Threshold ?? 0) + 10_000, PointsMultiplier = top?.PointsMultiplier ?? 1 });
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var user = (await Authentication).User;
            var program = new TierProgram(_basis, _rows!.Select((row, rank) => row.ToDefinition(rank)).ToList());
            var result = await Tiers.SaveProgramAsync(program, user.StaffName());
            if (result.Succeeded)
            {
                Load(await Tiers.GetProgramAsync());
                Snackbar.Add(L["Tiers.Saved"], Severity.Success);
            }
            else
            {
                Snackbar.Add(string.Join(" ", result.Errors.Select(e => L[e].Value)), Severity.Error);
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private sealed class TierRow
    {
        public string Code { get; set; } = "";
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public decimal Threshold { get; set; }
        public decimal PointsMultiplier { get; set; } = 1;
        public string? BirthdayGift { get; set; }
        public int BirthdayPoints { get; set; }
        public string? Benefits { get; set; }

        public static TierRow From(TierDefinition tier) => new()
        {
            Code = tier.Code, NameZh = tier.NameZh, NameEn = tier.NameEn, Threshold = tier.Threshold, PointsMultiplier = tier.PointsMultiplier,
            BirthdayGift = tier.BirthdayGift, BirthdayPoints = tier.BirthdayPoints, Benefits = tier.Benefits,
        };

        public TierDefinition ToDefinition(int rank) =>
            new(Code.Trim(), NameZh, NameEn, rank, rank == 0 ? 0 : Threshold, PointsMultiplier, BirthdayGift, BirthdayPoints, Benefits);
    }
}
