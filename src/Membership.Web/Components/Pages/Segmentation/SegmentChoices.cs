using System.Globalization;
using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using Microsoft.Extensions.Localization;
using F = Membership.Contracts.Segmentation.SegmentFields;

namespace Membership.Web.Components.Pages.Segmentation;

/// <summary>The values the builder offers per list field, with their labels in the current language.</summary>
public sealed class SegmentChoices
{
    private readonly Dictionary<string, IReadOnlyList<(string Value, string Label)>> _byField = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Tags { get; init; } = [];

    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static SegmentChoices Create(IStringLocalizer<SharedResource> l, IReadOnlyList<string> tags, IReadOnlyList<(string Code, string Name)> tiers)
    {
        var choices = new SegmentChoices { Tags = tags };
        choices._byField[F.RfmType] = ScoreCodes.RfmTypes.Select(t => (t.Code, English ? t.En : t.Zh)).ToList();
        choices._byField[F.Nes] = ScoreCodes.NesStates.Select(s => (s.Code, $"{s.Code} {(English ? s.En : s.Zh)}")).ToList();
        choices._byField[F.Tier] = tiers;
        choices._byField[F.Gender] = Web.Segmentation.SegmentFieldCatalog.Genders
            .Select(g => (g, l[$"MemberPages.Gender.{char.ToUpperInvariant(g[0])}{g[1..]}"].Value)).ToList();
        choices._byField[F.Region] = TaiwanRegions.All.Select(r => (r.Code, English ? r.EnName : r.ZhName)).ToList();
        choices._byField[F.LineStatus] = ScoreCodes.LineStatuses.Select(s => (s, l[$"Segment.LineStatus.{s}"].Value)).ToList();
        choices._byField[F.BirthdayMonth] = Enumerable.Range(1, 12)
            .Select(m => (m.ToString(CultureInfo.InvariantCulture), l["Segment.Month", m].Value)).ToList();
        return choices;
    }

    public IReadOnlyList<(string Value, string Label)> For(string field) => _byField.TryGetValue(field, out var list) ? list : [];

    public string Label(string field, string value) => For(field).FirstOrDefault(c => c.Value == value).Label ?? value;
}
