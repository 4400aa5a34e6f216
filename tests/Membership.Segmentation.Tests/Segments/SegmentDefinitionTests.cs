using Membership.Testing;

namespace Membership.Segmentation.Tests.Segments;

public sealed class SegmentDefinitionTests(PostgresDatabaseFixture database) : SegmentationTestBase(database)
{
    [Theory]
    [InlineData("""{"all":[{"field":"nes","op":"in","value":["S1"]},{"any":[{"field":"tag","op":"bogus","value":"x"}]}]}""", "all[1].any[0].op")]
    [InlineData("""{"all":[{"field":"colour","op":"in","value":["x"]}]}""", "all[0].field")]
    [InlineData("""{"any":[{"field":"rScore","op":"gte","value":9}]}""", "any[0].value")]
    [InlineData("""{"not":{"field":"nes","op":"in","value":["S9"]}}""", "not.value")]
    [InlineData("""{"all":[{"field":"age","op":"between","value":[40,20]}]}""", "all[0].value")]
    [InlineData("""{"all":[]}""", "all")]
    [InlineData("""{"all":[{"field":"nes","op":"in"}]}""", "all[0].value")]
    [InlineData("""{"all":[{"field":"registeredAt","op":"between","value":["2026-01-01","yesterday"]}]}""", "all[0].value")]
    [InlineData("""[1, 2]""", "")]
    public void Invalid_definitions_name_the_path_of_the_error(string json, string path)
    {
        var result = Segmentation.ParseDefinition(json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == path);
    }

    [Fact]
    public void Malformed_JSON_is_an_error_not_an_exception()
    {
        var result = Segmentation.ParseDefinition("{\"all\": [");

        Assert.False(result.IsValid);
        Assert.StartsWith("Not valid JSON", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_definition_round_trips_through_its_canonical_JSON()
    {
        const string json = """{"all":[{"field":"nes","op":"in","value":["S1","S2"]},{"any":[{"field":"tag","op":"has","value":"咖啡"},{"field":"mScore","op":"gte","value":4}]},{"not":{"field":"lineStatus","op":"in","value":["blocked"]}}]}""";

        var parsed = Segmentation.ParseDefinition(json);

        Assert.True(parsed.IsValid);
        Assert.Equal(json, Segmentation.ToJson(parsed.Definition!));
    }
}
