using System.Text.Json;
using System.Text.Json.Serialization;
using Membership.Automation.Persistence;
using Membership.Contracts.Automation;

namespace Membership.Automation.Journeys;

/// <summary>How triggers, steps and exit rules are stored (jsonb) and read back.</summary>
internal static class JourneyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static JourneyTrigger Trigger(JourneyRow row) => JsonSerializer.Deserialize<JourneyTrigger>(row.TriggerJson, Options)!;

    public static IReadOnlyList<JourneyStep> Steps(JourneyRow row) => JsonSerializer.Deserialize<List<JourneyStep>>(row.StepsJson, Options) ?? [];

    public static JourneyExitRules Exit(JourneyRow row) => JsonSerializer.Deserialize<JourneyExitRules>(row.ExitJson, Options) ?? new JourneyExitRules();

    public static Journey ToJourney(JourneyRow row) => new(
        row.Id, row.Name, row.Description, row.Template, Trigger(row), Steps(row), (JourneyStatus)row.Status, Exit(row),
        row.ReentryDays, row.HoldoutPercent, row.UpdatedAt);
}
