namespace Membership.Web.Integration;

/// <summary>A key a POS or ERP uses for the integration API. Only the SHA-256 of the secret is kept.</summary>
internal sealed class ApiKey
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The first characters of the secret, for recognising a key in the list.</summary>
    public required string Prefix { get; init; }

    /// <summary>Lower-case hex SHA-256 of the secret; unique, so a request's key is found by its hash.</summary>
    public required string Hash { get; init; }

    /// <summary>What the key may call: <see cref="Membership.Contracts.Common.IntegrationApi.PosScope"/> and/or <see cref="Membership.Contracts.Common.IntegrationApi.MarketingScope"/>.</summary>
    public string[] Scopes { get; set; } = [Membership.Contracts.Common.IntegrationApi.PosScope];

    public DateTimeOffset CreatedAt { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
