using Membership.Contracts.Segmentation;
using Membership.Testing;

namespace Membership.Segmentation.Tests.Scoring;

public sealed class ScoringSettingsTests(PostgresDatabaseFixture database) : SegmentationTestBase(database)
{
    [Fact]
    public async Task Defaults_hold_until_saved_and_a_saved_setting_is_read_back()
    {
        Assert.Equal(new ScoringSettings(), await Segmentation.GetSettingsAsync());

        var saved = await Segmentation.SaveSettingsAsync(new ScoringSettings(180, 4, 21, 1.5m, 2.5m, 4m), "owner@example.com");

        Assert.True(saved.Succeeded);
        Assert.Equal(new ScoringSettings(180, 4, 21, 1.5m, 2.5m, 4m), await Segmentation.GetSettingsAsync());
    }

    [Theory]
    [InlineData(0, 3, null, 1, 2, 3)]
    [InlineData(365, 6, null, 1, 2, 3)]
    [InlineData(365, 3, 0, 1, 2, 3)]
    [InlineData(365, 3, null, 2, 2, 3)]
    [InlineData(365, 3, null, 1, 3, 2)]
    [InlineData(365, 3, null, 0, 2, 3)]
    public async Task Invalid_settings_are_refused_and_change_nothing(int window, int high, int? cycle, double s1, double s2, double s3)
    {
        var result = await Segmentation.SaveSettingsAsync(new ScoringSettings(window, high, cycle, (decimal)s1, (decimal)s2, (decimal)s3), "owner");

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Equal(new ScoringSettings(), await Segmentation.GetSettingsAsync());
    }

    [Fact]
    public async Task A_higher_threshold_makes_fewer_dimensions_high()
    {
        // Five members, member i scoring i everywhere: with threshold 4 member 3 is no longer important-value.
        var members = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            var id = await MemberAsync($"H{i}");
            members.Add(id);
            for (var p = 0; p < i; p++)
            {
                await PurchaseAsync(id, daysAgo: 6 - i + p * 40, total: 100 * i);
            }
        }

        await ScoreAsync();
        Assert.Equal("important-value", (await ScoresOfAsync(members[2])).RfmType);
        await Segmentation.SaveSettingsAsync(new ScoringSettings(HighScoreThreshold: 4), "owner");
        await ScoreAsync();

        Assert.Equal("general-retain", (await ScoresOfAsync(members[2])).RfmType);
        Assert.Equal("important-value", (await ScoresOfAsync(members[3])).RfmType);
    }
}
