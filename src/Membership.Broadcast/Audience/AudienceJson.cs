using System.Text.Json;
using System.Text.Json.Nodes;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Segmentation;

namespace Membership.Broadcast.Audience;

/// <summary>A campaign's audience as stored (jsonb); a definition is kept in Segmentation's canonical JSON.</summary>
internal static class AudienceJson
{
    public static string Write(CampaignAudience audience, ISegmentationModule segmentation)
    {
        var json = new JsonObject
        {
            ["segmentId"] = audience.SegmentId?.ToString(),
            ["definition"] = audience.Definition is null ? null : JsonNode.Parse(segmentation.ToJson(audience.Definition)),
            ["tags"] = audience.Tags is null ? null : new JsonArray(audience.Tags.Select(t => (JsonNode?)t).ToArray()),
            ["allFriends"] = audience.AllFriends,
            ["excludeTags"] = audience.ExcludeTags is null ? null : new JsonArray(audience.ExcludeTags.Select(t => (JsonNode?)t).ToArray()),
            ["excludeSegments"] = audience.ExcludeSegments is null
                ? null : new JsonArray(audience.ExcludeSegments.Select(s => (JsonNode?)s.ToString()).ToArray()),
        };
        return json.ToJsonString();
    }

    public static CampaignAudience Read(string stored, ISegmentationModule segmentation)
    {
        var json = JsonNode.Parse(stored)!.AsObject();
        return new CampaignAudience(
            json["segmentId"] is { } id ? Guid.Parse((string)id!) : null,
            json["definition"] is { } definition ? segmentation.ParseDefinition(definition.ToJsonString()).Definition : null,
            json["tags"]?.AsArray().Select(t => (string)t!).ToList(),
            json["allFriends"] is { } all && (bool)all,
            json["excludeTags"]?.AsArray().Select(t => (string)t!).ToList(),
            json["excludeSegments"]?.AsArray().Select(s => Guid.Parse((string)s!)).ToList());
    }

    public static IReadOnlyList<JsonElement> Messages(string stored) =>
        JsonSerializer.Deserialize<List<JsonElement>>(stored) ?? [];
}
