using Microsoft.Extensions.Options;

namespace Membership.Line.Client;

/// <summary>Section <c>"Line"</c>. Token and secret come from the environment in production, never from committed files.</summary>
internal sealed class LineOptions
{
    public const string SectionName = "Line";

    public const string DefaultApiBaseUrl = "https://api.line.me";

    public const string DefaultDataApiBaseUrl = "https://api-data.line.me";

    /// <summary>Messaging API host (and <c>/oauth2/v2.1/verify</c>); the emulator's address in demo mode.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>
    /// Host of the blob endpoints (rich menu image upload). When unset: <c>https://api-data.line.me</c> if
    /// <see cref="ApiBaseUrl"/> is LINE's own host, otherwise <see cref="ApiBaseUrl"/> (the emulator serves both).
    /// </summary>
    public string? DataApiBaseUrl { get; set; }

    public string ChannelAccessToken { get; set; } = "";

    public string ChannelSecret { get; set; } = "";

    /// <summary>Channel id the LIFF ID tokens are issued for (the LINE Login channel holding the LIFF app).</summary>
    public string? ChannelId { get; set; }

    public LineResilienceOptions Resilience { get; set; } = new();

    public Uri ApiUri(string pathAndQuery) => new(ApiBaseUrl.TrimEnd('/') + pathAndQuery, UriKind.Absolute);

    public Uri DataApiUri(string pathAndQuery)
    {
        var baseUrl = DataApiBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            baseUrl = string.Equals(ApiBaseUrl.TrimEnd('/'), DefaultApiBaseUrl, StringComparison.OrdinalIgnoreCase)
                ? DefaultDataApiBaseUrl
                : ApiBaseUrl;
        }

        return new Uri(baseUrl.TrimEnd('/') + pathAndQuery, UriKind.Absolute);
    }
}

/// <summary>Section <c>"Line:Resilience"</c>: retry counts and delays (tests make them small).</summary>
internal sealed class LineResilienceOptions
{
    /// <summary>Retries after the first attempt, for 429, 5xx and (where safe) timeouts.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First back-off delay; doubles each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A 429 whose <c>Retry-After</c> asks for longer than this is not retried (it fails at once).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);
}

internal sealed class LineOptionsValidator : IValidateOptions<LineOptions>
{
    public ValidateOptionsResult Validate(string? name, LineOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ChannelAccessToken))
        {
            failures.Add("Line:ChannelAccessToken is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ChannelSecret))
        {
            failures.Add("Line:ChannelSecret is required.");
        }

        if (!IsHttpUrl(options.ApiBaseUrl))
        {
            failures.Add("Line:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.DataApiBaseUrl) && !IsHttpUrl(options.DataApiBaseUrl))
        {
            failures.Add("Line:DataApiBaseUrl must be an absolute http(s) URL.");
        }

        var r = options.Resilience;
        if (r.MaxRetryAttempts < 0 || r.BaseDelay < TimeSpan.Zero || r.AttemptTimeout <= TimeSpan.Zero || r.TotalTimeout <= TimeSpan.Zero)
        {
            failures.Add("Line:Resilience needs MaxRetryAttempts >= 0, BaseDelay >= 0 and positive timeouts.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
