using Microsoft.Extensions.Options;

namespace Membership.LineEmulator.Webhooks;

/// <summary>The webhook URL: from <c>Emulator:WebhookUrl</c>, changed at run time through the API.</summary>
internal sealed class WebhookSettings(IOptions<EmulatorOptions> options)
{
    private string? _endpoint = string.IsNullOrWhiteSpace(options.Value.WebhookUrl) ? null : options.Value.WebhookUrl;

    public string? Endpoint => Volatile.Read(ref _endpoint);

    public bool TrySet(string? endpoint)
    {
        if (endpoint is null || endpoint.Length > 500
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        Volatile.Write(ref _endpoint, endpoint);
        return true;
    }
}
