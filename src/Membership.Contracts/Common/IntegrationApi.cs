namespace Membership.Contracts.Common;

/// <summary>
/// The integration API for POS and ERP systems (<c>/api/v1</c>): callers authenticate with an API key an Owner
/// created, sent in the <see cref="HeaderName"/> header. Modules require <see cref="Policy"/> on their API groups.
/// </summary>
public static class IntegrationApi
{
    public const string Policy = "IntegrationApi";
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string RoutePrefix = "/api/v1";
}
