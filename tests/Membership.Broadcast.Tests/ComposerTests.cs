using System.Text.Json;
using Membership.Contracts.Broadcast;
using Membership.Testing;
using Membership.Testing.Line;

namespace Membership.Broadcast.Tests;

/// <summary>The composer's sample rendering and LINE's validation before a campaign is saved.</summary>
public sealed class ComposerTests(PostgresDatabaseFixture database, EmulatorServer emulator)
    : BroadcastTestBase(database, emulator), IClassFixture<PostgresDatabaseFixture>, IClassFixture<EmulatorServer>
{
    [Fact]
    public async Task A_sample_member_sees_their_own_fields_and_nobody_sees_the_fallback()
    {
        var member = await MemberAsync("S0001", null, name: "王小明");
        JsonElement[] messages = [Text("{{ name | default: \"親愛的會員\" }}，您有 {{ points }} 點")];

        var mine = await Broadcast.RenderSampleAsync(messages, member, null);
        var nobody = await Broadcast.RenderSampleAsync(messages, null, null);
        var broken = await Broadcast.RenderSampleAsync([Text("{{ name ")], null, null);

        Assert.Equal("王小明，您有 0 點", mine.Messages[0].GetProperty("text").GetString());
        Assert.Equal("親愛的會員，您有 0 點", nobody.Messages[0].GetProperty("text").GetString());
        Assert.Empty(broken.Messages);
        Assert.Contains(broken.Errors, e => e.Path == "messages[0].text");
    }

    [Fact]
    public async Task LINE_refuses_what_our_own_checks_let_through_and_nothing_is_saved()
    {
        var actions = Enumerable.Range(1, 5).Select(i => new { type = "message", label = $"選項{i}", text = $"{i}" }).ToArray();
        var tooMany = JsonSerializer.SerializeToElement(new { type = "template", altText = "問卷", template = new { type = "buttons", text = "喜歡哪一款?", actions } });

        var result = await Broadcast.CreateCampaignAsync(new CreateCampaignRequest("問卷", new CampaignAudience(AllFriends: true), [tooMany], 0, 7, "marketer@test"));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Path.StartsWith("messages[0]", StringComparison.Ordinal) && e.Message.StartsWith("LINE:", StringComparison.Ordinal));
        Assert.Equal(0, await Database.CountAsync("SELECT count(*) FROM broadcast_campaigns"));
    }
}
