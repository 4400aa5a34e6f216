using Membership.Contracts.Members;
using Membership.Contracts.Segmentation;
using F = Membership.Contracts.Segmentation.SegmentFields;
using O = Membership.Contracts.Segmentation.SegmentOps;

namespace Membership.Segmentation.Segments;

internal enum ValueKind
{
    Text,
    TextList,
    Number,
    NumberRange,
    MonthList,
    Boolean,
    Days,
    DateRange,
}

/// <summary>What each field accepts: its operators, the kind of value each takes, and the values a list may hold.</summary>
internal sealed record FieldSpec(string Field, IReadOnlyDictionary<string, ValueKind> Ops, IReadOnlySet<string>? Allowed = null, decimal? Min = null, decimal? Max = null);

internal static class SegmentFieldSpecs
{
    public static IReadOnlyDictionary<string, int> Genders { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["unspecified"] = (int)Gender.Unspecified, ["female"] = (int)Gender.Female, ["male"] = (int)Gender.Male, ["other"] = (int)Gender.Other,
    };

    public static IReadOnlyDictionary<string, int> LineStatuses { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["notFriend"] = (int)FriendStatus.NeverFriend, ["friend"] = (int)FriendStatus.Friend, ["blocked"] = (int)FriendStatus.Blocked,
    };

    private static readonly Dictionary<string, ValueKind> InLists = new(StringComparer.Ordinal) { [O.In] = ValueKind.TextList, [O.NotIn] = ValueKind.TextList };

    private static readonly Dictionary<string, ValueKind> Numbers = new(StringComparer.Ordinal)
    {
        [O.Eq] = ValueKind.Number, [O.Gte] = ValueKind.Number, [O.Lte] = ValueKind.Number, [O.Between] = ValueKind.NumberRange,
    };

    private static readonly Dictionary<string, ValueKind> Dates = new(StringComparer.Ordinal) { [O.WithinDays] = ValueKind.Days, [O.Between] = ValueKind.DateRange };

    public static IReadOnlyDictionary<string, FieldSpec> All { get; } = new FieldSpec[]
    {
        new(F.Tag, new Dictionary<string, ValueKind>(StringComparer.Ordinal)
        {
            [O.Has] = ValueKind.Text, [O.HasNot] = ValueKind.Text, [O.HasAny] = ValueKind.TextList, [O.HasAll] = ValueKind.TextList, [O.HasNone] = ValueKind.TextList,
        }),
        new(F.RfmType, InLists, ScoreCodes.RfmTypes.Select(t => t.Code).ToHashSet(StringComparer.Ordinal)),
        new(F.Nes, InLists, ScoreCodes.NesStates.Select(s => s.Code).ToHashSet(StringComparer.Ordinal)),
        new(F.Tier, InLists),
        new(F.Gender, InLists, Genders.Keys.ToHashSet(StringComparer.Ordinal)),
        new(F.Region, InLists, TaiwanRegions.All.Select(r => r.Code).ToHashSet(StringComparer.Ordinal)),
        new(F.LineStatus, InLists, LineStatuses.Keys.ToHashSet(StringComparer.Ordinal)),
        new(F.Store, InLists),
        new(F.RScore, Numbers, Min: 1, Max: 5),
        new(F.FScore, Numbers, Min: 1, Max: 5),
        new(F.MScore, Numbers, Min: 1, Max: 5),
        new(F.RecencyDays, Numbers, Min: 0),
        new(F.Frequency, Numbers, Min: 0),
        new(F.Monetary, Numbers, Min: 0),
        new(F.Points, Numbers, Min: 0),
        new(F.Age, Numbers, Min: 0, Max: 150),
        new(F.DaysSinceLastPurchase, Numbers, Min: 0),
        new(F.BirthdayMonth, new Dictionary<string, ValueKind>(StringComparer.Ordinal) { [O.In] = ValueKind.MonthList }),
        new(F.Registered, new Dictionary<string, ValueKind>(StringComparer.Ordinal) { [O.Eq] = ValueKind.Boolean }),
        new(F.RegisteredAt, Dates),
        new(F.FriendSince, Dates),
        new(F.SurveyAnswer, InLists),
    }.ToDictionary(s => s.Field, StringComparer.Ordinal);
}
