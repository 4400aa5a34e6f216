using Membership.Contracts.Segmentation;
using Membership.Contracts.Tags;
using Membership.Segmentation.Scoring;
using Membership.Shared.Demo;

namespace Membership.Segmentation.Demo;

/// <summary>
/// Demo mode: two saved segments (and a tag rule on one of them) once, and a scoring run at every start, so the
/// dashboards and the member pages show scores at once.
/// </summary>
internal sealed class SegmentationDemoSeeder(ISegmentationModule segmentation, ITagsModule tags) : IDemoSeeder
{
    private const string Sleeping = """{"all":[{"field":"nes","op":"in","value":["S2","S3"]},{"field":"rfmType","op":"in","value":["important-value","important-develop","important-keep","important-retain"]}]}""";
    private const string Active = """{"all":[{"field":"daysSinceLastPurchase","op":"lte","value":30},{"not":{"field":"lineStatus","op":"in","value":["blocked"]}}]}""";

    public int Order => DemoSeedOrder.Segmentation;

    public async Task SeedAsync(CancellationToken ct)
    {
        if ((await segmentation.ListSegmentsAsync(ct)).Count == 0)
        {
            var sleeping = await SaveAsync("沉睡的重要客戶", "高消費但已 2 個購買週期以上沒來：喚醒活動的名單", Sleeping, ct);
            await SaveAsync("近 30 天來店", "30 天內有消費、沒有封鎖官方帳號", Active, ct);
            if (await tags.FindTagAsync("喚醒名單", ct) is { } wakeUp && sleeping is { } segmentId)
            {
                await tags.SaveRuleAsync(new SaveTagRuleRequest(null, "沉睡的重要客戶 → 喚醒名單", wakeUp.Id, TagRuleKind.SegmentMembership,
                    KeywordMatch.Equals, null, null, null, segmentId, true, TagActor.System("demo")), ct);
            }
        }

        try
        {
            await segmentation.RunScoringAsync(null, "demo start-up", ct);
        }
        catch (ScoringRunActiveException)
        {
            // Another instance is scoring already.
        }
    }

    private async Task<Guid?> SaveAsync(string name, string description, string json, CancellationToken ct) =>
        (await segmentation.SaveSegmentAsync(new SaveSegmentRequest(null, name, description, segmentation.ParseDefinition(json).Definition!, "demo"), ct)).Id;
}
