namespace Membership.Contracts.Common;

/// <summary>
/// The integration API for POS and ERP systems (<c>/api/v1</c>): callers authenticate with an API key an Owner
/// created, sent in the <see cref="HeaderName"/> header. Modules require <see cref="Policy"/> on their API groups.
/// </summary>
public static class IntegrationApi
{
    /// <summary>Keys with the <see cref="PosScope"/> scope: purchases, members, points (the POS and ERP endpoints).</summary>
    public const string Policy = "IntegrationApi";

    /// <summary>Keys with the <see cref="MarketingScope"/> scope: tags, scoring and segments.</summary>
    public const string MarketingPolicy = "IntegrationApi.Marketing";

    /// <summary>Keys with the <see cref="SupportScope"/> scope: the chat inbox (conversations, messages, hand-off).</summary>
    public const string SupportPolicy = "IntegrationApi.Support";

    public const string PosScope = "pos";
    public const string SupportScope = "support";
    public const string MarketingScope = "marketing";

    /// <summary>The claim type carrying each of a key's scopes.</summary>
    public const string ScopeClaim = "scope";
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string RoutePrefix = "/api/v1";
}
