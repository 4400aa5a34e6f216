using System.Text.Json;

namespace Membership.Contracts.Segmentation;

/// <summary>
/// A segment definition: conditions combined with <c>all</c> (AND), <c>any</c> (OR) and <c>not</c>, stored and sent as
/// JSON, e.g. <c>{"all":[{"field":"nes","op":"in","value":["S1","S2"]},{"not":{"field":"lineStatus","op":"in","value":["blocked"]}}]}</c>.
/// </summary>
public abstract record SegmentNode;

public sealed record SegmentAll(IReadOnlyList<SegmentNode> Items) : SegmentNode;

public sealed record SegmentAny(IReadOnlyList<SegmentNode> Items) : SegmentNode;

public sealed record SegmentNot(SegmentNode Item) : SegmentNode;

/// <param name="Field">A <see cref="SegmentFields"/> name.</param>
/// <param name="Op">A <see cref="SegmentOps"/> name allowed for the field.</param>
/// <param name="Value">A string, a number, an array of them, or for <c>between</c> a two-element array.</param>
public sealed record SegmentCondition(string Field, string Op, JsonElement Value) : SegmentNode;

/// <param name="Path">Where in the definition, e.g. <c>all[1].any[0].op</c>.</param>
public sealed record SegmentDefinitionError(string Path, string Message);

public sealed record SegmentDefinitionParseResult(SegmentNode? Definition, IReadOnlyList<SegmentDefinitionError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}

public sealed class InvalidSegmentDefinitionException(IReadOnlyList<SegmentDefinitionError> errors)
    : Exception("Invalid segment definition: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")))
{
    public IReadOnlyList<SegmentDefinitionError> Errors { get; } = errors;
}

public static class SegmentFields
{
    public const string Tag = "tag";
    public const string RfmType = "rfmType";
    public const string Nes = "nes";
    public const string Tier = "tier";
    public const string Gender = "gender";
    public const string Region = "region";
    public const string LineStatus = "lineStatus";
    public const string Store = "store";
    public const string RScore = "rScore";
    public const string FScore = "fScore";
    public const string MScore = "mScore";
    public const string RecencyDays = "recencyDays";
    public const string Frequency = "frequency";
    public const string Monetary = "monetary";
    public const string Points = "points";
    public const string Age = "age";
    public const string DaysSinceLastPurchase = "daysSinceLastPurchase";
    public const string BirthdayMonth = "birthdayMonth";
    public const string Registered = "registered";
    public const string RegisteredAt = "registeredAt";
    public const string FriendSince = "friendSince";

    /// <summary>Members who gave an answer to a survey question: values made by <see cref="SurveyAnswerValue.Of"/>.</summary>
    public const string SurveyAnswer = "surveyAnswer";
}

/// <summary>The values of <see cref="SegmentFields.SurveyAnswer"/>: <c>{surveyId:N}/{questionId}/{choiceId}</c> (a rating as its number).</summary>
public static class SurveyAnswerValue
{
    public static string Of(Guid surveyId, string questionId, string choiceId) => $"{surveyId:N}/{questionId}/{choiceId}";
}

public static class SegmentOps
{
    public const string Has = "has";
    public const string HasNot = "hasNot";
    public const string HasAny = "hasAny";
    public const string HasAll = "hasAll";
    public const string HasNone = "hasNone";
    public const string In = "in";
    public const string NotIn = "notIn";
    public const string Eq = "eq";
    public const string Gte = "gte";
    public const string Lte = "lte";
    public const string Between = "between";
    public const string WithinDays = "withinDays";
}

/// <summary>The codes and names scoring gives (the eight RFM types and the NES states).</summary>
public static class ScoreCodes
{
    public static IReadOnlyList<(string Code, string Zh, string En)> RfmTypes { get; } =
    [
        ("important-value", "重要價值", "Important value"),
        ("important-develop", "重要發展", "Important to develop"),
        ("important-keep", "重要保持", "Important to keep"),
        ("important-retain", "重要挽留", "Important to win back"),
        ("general-value", "一般價值", "General value"),
        ("general-develop", "一般發展", "General to develop"),
        ("general-keep", "一般保持", "General to keep"),
        ("general-retain", "一般挽留", "General to win back"),
    ];

    public static IReadOnlyList<(string Code, string Zh, string En)> NesStates { get; } =
    [
        ("N", "新客", "New"),
        ("E0", "主力客", "Active"),
        ("S1", "瞌睡客", "Dozing"),
        ("S2", "半睡客", "Half asleep"),
        ("S3", "沉睡客", "Asleep"),
        ("none", "未消費", "Never bought"),
    ];

    /// <summary>LINE status values of the <c>lineStatus</c> field.</summary>
    public static IReadOnlyList<string> LineStatuses { get; } = ["friend", "blocked", "notFriend"];
}
