using System.Text.Json;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Segmentation;

namespace Membership.Broadcast.Audience;

/// <summary>
/// Turns a campaign's audience into one segment definition (Segmentation compiles it): the saved segment, the definition,
/// members with any of the tags, or every LINE friend; minus any excluded tag or segment.
/// </summary>
internal sealed class AudienceResolver(ISegmentationModule segmentation)
{
    public async Task<IReadOnlyList<BroadcastError>> CheckAsync(CampaignAudience? audience, CancellationToken ct)
    {
        if (audience is null)
        {
            return [new("audience", "An audience is required.")];
        }

        var kinds = (audience.SegmentId is not null ? 1 : 0) + (audience.Definition is not null ? 1 : 0)
                    + (audience.Tags is { Count: > 0 } ? 1 : 0) + (audience.AllFriends ? 1 : 0);
        if (kinds != 1)
        {
            return [new("audience", "Choose exactly one of a saved segment, a definition, tags or all friends.")];
        }

        var errors = new List<BroadcastError>();
        if (audience.SegmentId is { } id && await segmentation.GetSegmentAsync(id, ct) is null)
        {
            errors.Add(new("audience.segmentId", "No such saved segment."));
        }

        if (audience.Definition is { } definition)
        {
            errors.AddRange(segmentation.Validate(definition).Select(e => new BroadcastError($"audience.definition.{e.Path}", e.Message)));
        }

        foreach (var (excluded, i) in (audience.ExcludeSegments ?? []).Select((s, i) => (s, i)))
        {
            if (await segmentation.GetSegmentAsync(excluded, ct) is null)
            {
                errors.Add(new($"audience.excludeSegments[{i}]", "No such saved segment."));
            }
        }

        return errors;
    }

    public async Task<SegmentSql> CompileAsync(CampaignAudience audience, CancellationToken ct)
    {
        SegmentNode included = audience switch
        {
            { SegmentId: { } id } => (await segmentation.GetSegmentAsync(id, ct))?.Definition
                                     ?? throw new InvalidOperationException($"Saved segment {id} no longer exists."),
            { Definition: { } definition } => definition,
            { Tags: { Count: > 0 } tags } => TagCondition(tags),
            _ => new SegmentCondition(SegmentFields.LineStatus, SegmentOps.In, JsonSerializer.SerializeToElement(new[] { "friend" })),
        };

        var excluded = new List<SegmentNode>();
        if (audience.ExcludeTags is { Count: > 0 } excludeTags)
        {
            excluded.Add(TagCondition(excludeTags));
        }

        foreach (var id in audience.ExcludeSegments ?? [])
        {
            if ((await segmentation.GetSegmentAsync(id, ct))?.Definition is { } definition)
            {
                excluded.Add(definition);
            }
        }

        var root = excluded.Count == 0 ? included : new SegmentAll([included, new SegmentNot(new SegmentAny(excluded))]);
        return segmentation.CompileMemberIds(root);
    }

    private static SegmentCondition TagCondition(IReadOnlyList<string> tags) =>
        new(SegmentFields.Tag, SegmentOps.HasAny, JsonSerializer.SerializeToElement(tags));
}
