using System.Globalization;
using System.Text.Json;
using Membership.Contracts.Segmentation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Membership.Web.Components.Pages.Segmentation;

/// <summary>
/// 分眾儀表板: growth per week, the R × F grid, the eight types with their share of revenue, NES over 90 days and the
/// last run's transitions. Each cell or row opens the builder with the matching condition.
/// </summary>
public sealed partial class SegmentationDashboardPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private SegmentationDashboard? _dashboard;
    private List<ChartSeries<double>> _growthSeries = [];
    private string[] _growthLabels = [];
    private List<ChartSeries<double>> _nesSeries = [];
    private string[] _nesLabels = [];
    private int _maxCell = 1;

    [Inject]
    private ISegmentationModule Segmentation { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private int ScoredMembers => _dashboard?.Types.Sum(t => t.Members) ?? 0;

    protected override async Task OnInitializedAsync()
    {
        var d = _dashboard = await Segmentation.GetDashboardAsync();
        _growthLabels = d.Growth.Select(g => g.WeekStart.ToString("MM/dd", Invariant)).ToArray();
        _growthSeries =
        [
            Series(L["Dashboard.NewFriends"], d.Growth.Select(g => (double)g.NewFriends)),
            Series(L["Dashboard.Registrations"], d.Growth.Select(g => (double)g.Registrations)),
            Series(L["Dashboard.Blocks"], d.Growth.Select(g => (double)g.Blocks)),
        ];
        _nesLabels = d.NesHistory.Select(n => n.AsOfDate.ToString("MM/dd", Invariant)).ToArray();
        _nesSeries = ScoreCodes.NesStates
            .Select(s => Series(s.Code, d.NesHistory.Select(n => (double)n.Counts.GetValueOrDefault(s.Code))))
            .ToList();
        _maxCell = Math.Max(1, d.RfmGrid.Select(c => c.Members).DefaultIfEmpty(0).Max());
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = new ChartData<double>(values.ToArray()) };

    private RfmGridCell? Cell(int r, int f) => _dashboard?.RfmGrid.FirstOrDefault(c => c.RScore == r && c.FScore == f);

    private string HeatStyle(int members) =>
        string.Create(Invariant, $"cursor:pointer;background:rgba(142,36,170,{0.08 + (0.6 * members / _maxCell):0.00})");

    private static string TypeName(RfmTypeShare type) =>
        ScoreCodes.RfmTypes.FirstOrDefault(t => t.Code == type.Code) is { Code: not null } t ? SegmentChoices.English ? t.En : t.Zh : type.Name;

    private static string Percent(decimal share) => (share * 100).ToString("0.0", Invariant) + "%";

    /// <summary>
    /// Roughly what share of revenue the top 20 % of scored members bring: types ordered by spend per member, taken
    /// until 20 % of the members (the last type pro rata). Null without scored members.
    /// </summary>
    private decimal? TopShare()
    {
        var total = ScoredMembers;
        if (total == 0)
        {
            return null;
        }

        decimal left = total * 0.2m, share = 0;
        foreach (var type in _dashboard!.Types.Where(t => t.Members > 0).OrderByDescending(t => t.Revenue / t.Members))
        {
            var take = Math.Min(left, type.Members);
            share += type.RevenueShare * take / type.Members;
            left -= take;
            if (left <= 0)
            {
                break;
            }
        }

        return share * 100;
    }

    private IEnumerable<(string Code, string Name, int Count)> LatestNes()
    {
        var latest = _dashboard?.NesHistory.OrderBy(n => n.AsOfDate).LastOrDefault();
        return latest is null
            ? []
            : ScoreCodes.NesStates.Select(s => (s.Code, SegmentChoices.English ? s.En : s.Zh, latest.Counts.GetValueOrDefault(s.Code)));
    }

    private static SegmentCondition Condition(string field, string op, object value) => new(field, op, JsonSerializer.SerializeToElement(value));

    private static SegmentNode RfmCell(int r, int f) =>
        new SegmentAll([Condition(SegmentFields.RScore, SegmentOps.Eq, r), Condition(SegmentFields.FScore, SegmentOps.Eq, f)]);

    /// <summary>The members now in the state or type the transition went to.</summary>
    private void OpenTransition(TransitionCount t)
    {
        if (t.To is { } to)
        {
            Open(Condition(t.Kind == TransitionKind.Nes ? SegmentFields.Nes : SegmentFields.RfmType, SegmentOps.In, new[] { to }));
        }
    }

    private void Open(SegmentNode definition) =>
        Navigation.NavigateTo("/segments/new?definition=" + Uri.EscapeDataString(Segmentation.ToJson(definition)));
}
