using System.Globalization;
using System.Text.Json;
using Membership.Contracts.Segmentation;

namespace Membership.Segmentation.Segments;

/// <summary>Reads a condition's value as its field and operator expect; the checks and the SQL compiler read it the same way.</summary>
internal static class SegmentValueRules
{
    public static IEnumerable<SegmentDefinitionError> Check(SegmentCondition condition, string path)
    {
        if (!SegmentFieldSpecs.All.TryGetValue(condition.Field, out var spec))
        {
            yield return new SegmentDefinitionError(SegmentDefinitionParser.Join(path, "field"),
                $"Unknown field '{Shorten(condition.Field)}'. Fields: {string.Join(", ", SegmentFieldSpecs.All.Keys)}.");
            yield break;
        }

        if (!spec.Ops.TryGetValue(condition.Op, out var kind))
        {
            yield return new SegmentDefinitionError(SegmentDefinitionParser.Join(path, "op"),
                $"'{Shorten(condition.Op)}' is not an operator of {spec.Field}; use {string.Join(", ", spec.Ops.Keys)}.");
            yield break;
        }

        if (Problem(spec, kind, condition.Value) is { } problem)
        {
            yield return new SegmentDefinitionError(SegmentDefinitionParser.Join(path, "value"), problem);
        }
    }

    public static string Text(JsonElement value) => value.GetString()!.Trim();

    public static string[] TextList(JsonElement value) => value.EnumerateArray().Select(v => v.GetString()!.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    public static decimal Number(JsonElement value) => value.GetDecimal();

    public static (decimal From, decimal To) Range(JsonElement value) => (value[0].GetDecimal(), value[1].GetDecimal());

    public static int[] Months(JsonElement value) => value.EnumerateArray().Select(v => v.GetInt32()).Distinct().ToArray();

    public static (DateOnly From, DateOnly To) DateRange(JsonElement value) => (ParseDate(value[0])!.Value, ParseDate(value[1])!.Value);

    private static string? Problem(FieldSpec spec, ValueKind kind, JsonElement value) => kind switch
    {
        ValueKind.Text => value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length is > 0 and <= 100 ? null : "Expected a non-empty string.",
        ValueKind.TextList => ListProblem(spec, value),
        ValueKind.Number => value.ValueKind == JsonValueKind.Number ? NumberProblem(spec, value.GetDecimal()) : "Expected a number.",
        ValueKind.NumberRange => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2 && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number)
            ? value[0].GetDecimal() > value[1].GetDecimal() ? "The first number of between must not be above the second." : NumberProblem(spec, value[0].GetDecimal()) ?? NumberProblem(spec, value[1].GetDecimal())
            : "Expected two numbers: [from, to].",
        ValueKind.MonthList => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
                               && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var m) && m is >= 1 and <= 12)
            ? null : "Expected an array of months 1 to 12.",
        ValueKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "Expected true or false.",
        ValueKind.Days => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var days) && days is >= 0 and <= 36500 ? null : "Expected a whole number of days (0 to 36500).",
        ValueKind.DateRange => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2 && ParseDate(value[0]) is { } from && ParseDate(value[1]) is { } to
            ? from > to ? "The first date of between must not be after the second." : null
            : "Expected two dates: [\"yyyy-MM-dd\", \"yyyy-MM-dd\"].",
        _ => "Unsupported value.",
    };

    private static string? ListProblem(FieldSpec spec, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0 || value.GetArrayLength() > 500
            || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length is 0 or > 100))
        {
            return "Expected an array of 1 to 500 non-empty strings.";
        }

        var unknown = spec.Allowed is null ? null : value.EnumerateArray().Select(v => v.GetString()!.Trim()).FirstOrDefault(v => !spec.Allowed.Contains(v));
        return unknown is null ? null : $"'{Shorten(unknown)}' is not a value of {spec.Field}; use {string.Join(", ", spec.Allowed!)}.";
    }

    private static string? NumberProblem(FieldSpec spec, decimal number) =>
        (spec.Min is { } min && number < min) || (spec.Max is { } max && number > max)
            ? $"{spec.Field} is between {spec.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {spec.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}."
            : null;

    private static DateOnly? ParseDate(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
