using Membership.Line.Client;

namespace Membership.Line.Tests.Client;

public sealed class LineOptionsTests
{
    [Fact]
    public void Validation_requires_the_access_token_and_the_channel_secret()
    {
        var result = new LineOptionsValidator().Validate(null, new LineOptions());

        Assert.True(result.Failed);
        Assert.Contains("Line:ChannelAccessToken is required.", result.Failures!);
        Assert.Contains("Line:ChannelSecret is required.", result.Failures!);
    }

    [Fact]
    public void Validation_passes_with_token_and_secret_and_never_echoes_them()
    {
        var options = new LineOptions { ChannelAccessToken = "tok-123", ChannelSecret = "sec-456", ApiBaseUrl = "nope" };

        var result = new LineOptionsValidator().Validate(null, options);

        Assert.True(result.Failed); // the base URL is wrong
        Assert.DoesNotContain("tok-123", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("sec-456", result.FailureMessage, StringComparison.Ordinal);
        options.ApiBaseUrl = "https://api.line.me";
        Assert.True(new LineOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("https://api.line.me", null, "https://api-data.line.me/v2/bot/richmenu/x/content")]
    [InlineData("http://127.0.0.1:5081", null, "http://127.0.0.1:5081/v2/bot/richmenu/x/content")]
    [InlineData("http://127.0.0.1:5081/", "http://127.0.0.1:6000/", "http://127.0.0.1:6000/v2/bot/richmenu/x/content")]
    public void Data_api_base_address_falls_back_sensibly(string api, string? dataApi, string expected)
    {
        var options = new LineOptions { ApiBaseUrl = api, DataApiBaseUrl = dataApi };

        Assert.Equal(new Uri(expected), options.DataApiUri("/v2/bot/richmenu/x/content"));
    }
}
