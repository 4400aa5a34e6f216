using System.Globalization;
using System.Text.Json;
using Membership.Contracts.Segmentation;
using F = Membership.Contracts.Segmentation.SegmentFields;
using O = Membership.Contracts.Segmentation.SegmentOps;

namespace Membership.Web.Segmentation;

/// <summary>How the builder edits a field's value.</summary>
public enum SegmentValueEditor
{
    Tags,
    Choices,
    FreeList,
    Number,
    Months,
    Boolean,
    Dates,
}

/// <summary>The builder's fields, the operators each accepts (as Segmentation validates them) and their value editor.</summary>
public sealed record SegmentFieldInfo(string Field, SegmentValueEditor Editor, IReadOnlyList<string> Ops);

public static class SegmentFieldCatalog
{
    private static readonly string[] InOps = [O.In, O.NotIn];
    private static readonly string[] NumberOps = [O.Gte, O.Lte, O.Eq, O.Between];
    private static readonly string[] DateOps = [O.WithinDays, O.Between];

    public static IReadOnlyList<string> Genders { get; } = ["female", "male", "other", "unspecified"];

    public static IReadOnlyList<SegmentFieldInfo> All { get; } =
    [
        new(F.Tag, SegmentValueEditor.Tags, [O.Has, O.HasNot, O.HasAny, O.HasAll, O.HasNone]),
        new(F.RfmType, SegmentValueEditor.Choices, InOps),
        new(F.Nes, SegmentValueEditor.Choices, InOps),
        new(F.Tier, SegmentValueEditor.Choices, InOps),
        new(F.Gender, SegmentValueEditor.Choices, InOps),
        new(F.Region, SegmentValueEditor.Choices, InOps),
        new(F.LineStatus, SegmentValueEditor.Choices, InOps),
        new(F.Store, SegmentValueEditor.FreeList, InOps),
        new(F.RScore, SegmentValueEditor.Number, NumberOps),
        new(F.FScore, SegmentValueEditor.Number, NumberOps),
        new(F.MScore, SegmentValueEditor.Number, NumberOps),
        new(F.RecencyDays, SegmentValueEditor.Number, NumberOps),
        new(F.Frequency, SegmentValueEditor.Number, NumberOps),
        new(F.Monetary, SegmentValueEditor.Number, NumberOps),
        new(F.Points, SegmentValueEditor.Number, NumberOps),
        new(F.Age, SegmentValueEditor.Number, NumberOps),
        new(F.DaysSinceLastPurchase, SegmentValueEditor.Number, NumberOps),
        new(F.BirthdayMonth, SegmentValueEditor.Months, [O.In]),
        new(F.Registered, SegmentValueEditor.Boolean, [O.Eq]),
        new(F.RegisteredAt, SegmentValueEditor.Dates, DateOps),
        new(F.FriendSince, SegmentValueEditor.Dates, DateOps),
        new(F.SurveyAnswer, SegmentValueEditor.FreeList, InOps),
    ];

    public static SegmentFieldInfo Get(string field) => All.FirstOrDefault(f => f.Field == field) ?? All[0];

    /// <summary>Whether the tag operator takes one tag (has, hasNot) rather than a list.</summary>
    public static bool SingleTag(string op) => op is O.Has or O.HasNot;
}

/// <summary>An item of a group in the builder: a condition or a nested group, each of which may be negated.</summary>
public abstract class SegmentDraftItem
{
    public bool Not { get; set; }

    public abstract SegmentNode? ToNode();
}

/// <summary>A group of the builder: its items combined with AND (all) or OR (any).</summary>
public sealed class SegmentDraftGroup : SegmentDraftItem
{
    public bool Any { get; set; }

    public List<SegmentDraftItem> Items { get; } = [];

    public override SegmentNode? ToNode()
    {
        var items = Items.Select(i => i.ToNode()).OfType<SegmentNode>().ToList();
        if (items.Count == 0)
        {
            return null;
        }

        SegmentNode node = Any ? new SegmentAny(items) : new SegmentAll(items);
        return Not ? new SegmentNot(node) : node;
    }

    /// <summary>The root of a definition (always a group, possibly empty).</summary>
    public static SegmentDraftGroup FromNode(SegmentNode? node)
    {
        var draft = From(node);
        if (draft is SegmentDraftGroup group)
        {
            return group;
        }

        var root = new SegmentDraftGroup();
        if (draft is not null)
        {
            root.Items.Add(draft);
        }

        return root;
    }

    private static SegmentDraftItem? From(SegmentNode? node)
    {
        switch (node)
        {
            case SegmentNot not:
                var inner = From(not.Item);
                if (inner is not null)
                {
                    inner.Not = !inner.Not;
                }

                return inner;
            case SegmentAll all:
                return Group(false, all.Items);
            case SegmentAny any:
                return Group(true, any.Items);
            case SegmentCondition condition:
                return SegmentDraftCondition.FromCondition(condition);
            default:
                return null;
        }
    }

    private static SegmentDraftGroup Group(bool any, IReadOnlyList<SegmentNode> items)
    {
        var group = new SegmentDraftGroup { Any = any };
        group.Items.AddRange(items.Select(From).OfType<SegmentDraftItem>());
        return group;
    }
}

/// <summary>A condition row; only the value parts its field and operator use are read.</summary>
public sealed class SegmentDraftCondition : SegmentDraftItem
{
    public string Field { get; set; } = F.Nes;

    public string Op { get; set; } = O.In;

    public IReadOnlyCollection<string> Values { get; set; } = [];

    public string? Text { get; set; }

    public decimal? Number { get; set; }

    public decimal? Number2 { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public bool Flag { get; set; } = true;

    public SegmentFieldInfo Info => SegmentFieldCatalog.Get(Field);

    /// <summary>Changes the field, keeping the operator when the new field accepts it.</summary>
    public void SetField(string field)
    {
        Field = field;
        if (!Info.Ops.Contains(Op))
        {
            Op = Info.Ops[0];
        }

        Values = [];
        Text = null;
        (Number, Number2, From, To) = (null, null, null, null);
    }

    /// <summary>Null while the value is incomplete: the row is left out of the count until it is filled in.</summary>
    public override SegmentNode? ToNode()
    {
        object? value = (Info.Editor, Op) switch
        {
            (SegmentValueEditor.Tags, _) when SegmentFieldCatalog.SingleTag(Op) => Values.FirstOrDefault(),
            (SegmentValueEditor.Tags or SegmentValueEditor.Choices, _) => Values.Count == 0 ? null : Values.ToArray(),
            (SegmentValueEditor.FreeList, _) => Split(Text) is { Length: > 0 } stores ? stores : null,
            (SegmentValueEditor.Months, _) => Values.Count == 0 ? null : Values.Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Order().ToArray(),
            (SegmentValueEditor.Boolean, _) => Flag,
            (SegmentValueEditor.Number, O.Between) => Number is { } a && Number2 is { } b ? new[] { a, b } : null,
            (SegmentValueEditor.Number, _) => Number,
            (SegmentValueEditor.Dates, O.WithinDays) => Number is { } days ? (int)days : null,
            (SegmentValueEditor.Dates, _) => From is { } from && To is { } to ? new[] { Date(from), Date(to) } : null,
            _ => null,
        };
        if (value is null)
        {
            return null;
        }

        SegmentNode node = new SegmentCondition(Field, Op, JsonSerializer.SerializeToElement(value));
        return Not ? new SegmentNot(node) : node;
    }

    public static SegmentDraftCondition FromCondition(SegmentCondition condition)
    {
        var draft = new SegmentDraftCondition { Field = condition.Field, Op = condition.Op };
        var v = condition.Value;
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                draft.Values = [v.GetString()!];
                break;
            case JsonValueKind.Number:
                draft.Number = v.GetDecimal();
                break;
            case JsonValueKind.True or JsonValueKind.False:
                draft.Flag = v.GetBoolean();
                break;
            case JsonValueKind.Array:
                var items = v.EnumerateArray().ToList();
                if (draft.Info.Editor == SegmentValueEditor.Number && items.Count == 2)
                {
                    (draft.Number, draft.Number2) = (items[0].GetDecimal(), items[1].GetDecimal());
                }
                else if (draft.Info.Editor == SegmentValueEditor.Dates && items.Count == 2)
                {
                    (draft.From, draft.To) = (ParseDate(items[0].GetString()), ParseDate(items[1].GetString()));
                }
                else if (draft.Info.Editor == SegmentValueEditor.FreeList)
                {
                    draft.Text = string.Join(", ", items.Select(i => i.ToString()));
                }
                else
                {
                    draft.Values = items.Select(i => i.ToString()).ToArray();
                }

                break;
        }

        return draft;
    }

    private static string Date(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime? ParseDate(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string[] Split(string? text) =>
        (text ?? "").Split([',', '，', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
}
