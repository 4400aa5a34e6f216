using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;
using Membership.Testing;

namespace Membership.Segmentation.Tests.Segments;

public sealed class SegmentCountTests(PostgresDatabaseFixture database) : SegmentationTestBase(database)
{
    private async Task<SegmentCount> CountAsync(string json)
    {
        var parsed = Segmentation.ParseDefinition(json);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Message}")));
        return await Segmentation.CountAsync(parsed.Definition!);
    }

    private async Task<List<string>> CodesAsync(string json) =>
        (await Segmentation.ListMembersAsync(Segmentation.ParseDefinition(json).Definition!, new PageRequest(1, 100))).Items.Select(m => m.MemberCode).ToList();

    [Fact]
    public async Task Profile_fields_and_groups_select_the_hand_built_members()
    {
        var friendTaipei = await MemberAsync("A", gender: 1, birthday: new DateOnly(1996, 3, 2), region: "TPE", lineUserId: "U1", friendStatus: 1, registeredAt: DateTimeOffset.UtcNow);
        await MemberAsync("B", gender: 2, birthday: new DateOnly(1980, 12, 24), region: "KHH", lineUserId: "U2", friendStatus: 2);
        await MemberAsync("C", gender: 1, region: "TPE", lineUserId: "U3", friendStatus: 1, optedOutAt: DateTimeOffset.UtcNow);
        await MemberAsync("D");
        await TagAsync(friendTaipei, "咖啡");

        Assert.Equal(["A", "C"], await CodesAsync("""{"all":[{"field":"gender","op":"in","value":["female"]}]}"""));
        Assert.Equal(["A", "B", "C"], await CodesAsync("""{"any":[{"field":"region","op":"in","value":["TPE"]},{"field":"lineStatus","op":"in","value":["blocked"]}]}"""));
        Assert.Equal(["B", "C", "D"], await CodesAsync("""{"not":{"field":"tag","op":"has","value":"咖啡"}}"""));
        Assert.Equal(["D"], await CodesAsync("""{"all":[{"field":"lineStatus","op":"in","value":["notFriend"]}]}"""));
        Assert.Equal(["A"], await CodesAsync("""{"all":[{"field":"age","op":"eq","value":30}]}"""));
        Assert.Equal(["B"], await CodesAsync("""{"all":[{"field":"birthdayMonth","op":"in","value":[12]}]}"""));
        Assert.Equal(["A"], await CodesAsync("""{"all":[{"field":"registered","op":"eq","value":true}]}"""));
        Assert.Equal(["A"], await CodesAsync("""{"all":[{"field":"tag","op":"hasAll","value":["咖啡"]},{"field":"tag","op":"hasAny","value":["咖啡","茶"]}]}"""));
        Assert.Equal(["B", "C", "D"], await CodesAsync("""{"all":[{"field":"tag","op":"hasNone","value":["咖啡"]}]}"""));

        // Reachable: a LINE friend, not blocked, not opted out of marketing.
        Assert.Equal(new SegmentCount(4, 1), await CountAsync("""{"any":[{"field":"registered","op":"eq","value":true},{"field":"registered","op":"eq","value":false}]}"""));
    }

    [Fact]
    public async Task Scores_and_NES_come_from_the_last_run()
    {
        var active = await MemberAsync("ACTIVE");
        await PurchaseAsync(active, daysAgo: 60, total: 900);
        await PurchaseAsync(active, daysAgo: 1, total: 900);
        var asleep = await MemberAsync("ASLEEP");
        await PurchaseAsync(asleep, daysAgo: 300, total: 100);
        await MemberAsync("NEVER");
        await ScoreAsync();

        // Two members scored: M ranks 1 and 2 → scores 1 and 1 + floor(5 × 1 / 2) = 3.

        Assert.Equal(["ACTIVE"], await CodesAsync("""{"all":[{"field":"mScore","op":"gte","value":3},{"field":"frequency","op":"between","value":[2,5]}]}"""));
        Assert.Equal(["ASLEEP", "NEVER"], await CodesAsync("""{"all":[{"field":"nes","op":"in","value":["S3","none"]}]}"""));
        Assert.Equal(["ASLEEP", "NEVER"], await CodesAsync("""{"all":[{"field":"rfmType","op":"notIn","value":["important-value"]}]}"""));
    }

    [Fact]
    public async Task A_purchase_made_now_is_counted_by_the_next_count()
    {
        var member = await MemberAsync("LIVE");
        await PurchaseAsync(member, daysAgo: 40, total: 100);
        const string recent = """{"all":[{"field":"daysSinceLastPurchase","op":"lte","value":7}]}""";
        const string store = """{"all":[{"field":"store","op":"in","value":["XINYI"]}]}""";
        Assert.Equal(0, (await CountAsync(recent)).Count);
        Assert.Equal(1, (await CountAsync("""{"all":[{"field":"daysSinceLastPurchase","op":"between","value":[30,60]}]}""")).Count);

        await PurchaseAsync(member, daysAgo: 0, total: 100, store: "XINYI");

        Assert.Equal(1, (await CountAsync(recent)).Count);
        Assert.Equal(1, (await CountAsync(store)).Count);
        Assert.Equal(0, (await CountAsync("""{"all":[{"field":"daysSinceLastPurchase","op":"gte","value":30}]}""")).Count);
    }

    [Fact]
    public async Task Values_never_reach_the_SQL_as_text()
    {
        var member = await MemberAsync("SAFE");
        await TagAsync(member, "x'); DROP TABLE members_members; --");

        var count = await CountAsync("""{"all":[{"field":"tag","op":"has","value":"x'); DROP TABLE members_members; --"}]}""");

        Assert.Equal(1, count.Count);
        Assert.Equal(1, await CountRowsAsync("SELECT count(*) FROM members_members"));
    }

    [Fact]
    public async Task Saved_segments_keep_unique_names_and_count_when_read()
    {
        await MemberAsync("S1", region: "TPE");
        var definition = Segmentation.ParseDefinition("""{"all":[{"field":"region","op":"in","value":["TPE"]}]}""").Definition!;

        var saved = await Segmentation.SaveSegmentAsync(new SaveSegmentRequest(null, "台北會員", null, definition, "test"));
        var again = await Segmentation.SaveSegmentAsync(new SaveSegmentRequest(null, "台北會員 ", null, definition, "test"));

        Assert.Equal(SaveSegmentOutcome.Saved, saved.Outcome);
        Assert.Equal(SaveSegmentOutcome.NameTaken, again.Outcome);
        var read = await Segmentation.GetSegmentAsync(saved.Id!.Value);
        Assert.Equal(1, read!.Count!.Count);
        Assert.Single(await Segmentation.ListSegmentsAsync());
        var ids = new List<Guid>();
        await foreach (var id in Segmentation.StreamMemberIdsAsync(definition))
        {
            ids.Add(id);
        }

        Assert.Single(ids);
    }
}
