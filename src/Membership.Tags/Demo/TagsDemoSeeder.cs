using Membership.Contracts.Tags;
using Membership.Shared.Demo;

namespace Membership.Tags.Demo;

/// <summary>Demo mode: a few tags and the rules that fill them as the demo purchases come in. Only while no tag exists.</summary>
internal sealed class TagsDemoSeeder(ITagsModule tags) : IDemoSeeder
{
    public const string WakeUpTag = "喚醒名單";

    public int Order => DemoSeedOrder.Tags;

    public async Task SeedAsync(CancellationToken ct)
    {
        if ((await tags.ListTagsAsync(includeArchived: true, ct)).Count > 0)
        {
            return;
        }

        var by = TagActor.System("demo");
        var coffee = await SaveAsync("咖啡", "#6D4C41", "買過咖啡類商品的會員", TagKind.Rule, by, ct);
        var bakery = await SaveAsync("甜點", "#F06292", "買過烘焙甜點的會員", TagKind.Rule, by, ct);
        var big = await SaveAsync("高消費", "#FBC02D", "單筆消費 NT$1,000 以上", TagKind.Rule, by, ct);
        await SaveAsync("VIP", "#8E24AA", "店長認定的重要客人（手動）", TagKind.Manual, by, ct);
        await SaveAsync(WakeUpTag, "#E53935", "沉睡的重要客戶：每次評分後自動更新", TagKind.Rule, by, ct);
        await tags.SaveRuleAsync(new SaveTagRuleRequest(null, "買咖啡 → 咖啡", coffee, TagRuleKind.PurchaseCategory, KeywordMatch.Equals, null, "coffee", null, null, true, by), ct);
        await tags.SaveRuleAsync(new SaveTagRuleRequest(null, "買甜點 → 甜點", bakery, TagRuleKind.PurchaseCategory, KeywordMatch.Equals, null, "bakery", null, null, true, by), ct);
        await tags.SaveRuleAsync(new SaveTagRuleRequest(null, "單筆 ≥ NT$1,000 → 高消費", big, TagRuleKind.PurchaseTotal, KeywordMatch.Equals, null, null, 1000, null, true, by), ct);
    }

    private async Task<Guid> SaveAsync(string name, string colour, string description, TagKind kind, TagActor by, CancellationToken ct) =>
        (await tags.SaveTagAsync(new SaveTagRequest(null, name, colour, description, kind, by), ct)).Tag!.Id;
}
