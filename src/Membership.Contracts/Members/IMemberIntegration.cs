namespace Membership.Contracts.Members;

/// <summary>Members for POS and ERP systems: look-ups by card code, mobile or LINE id, and offline registration.</summary>
public interface IMemberIntegration
{
    /// <summary>Null when no member has the code; callers check the code's check digit first.</summary>
    Task<IntegrationMember?> FindByCodeAsync(string memberCode, CancellationToken ct = default);

    /// <param name="mobile">A Taiwan mobile in any common format (<c>0912-345-678</c>, <c>+886912345678</c>).</param>
    Task<IntegrationMember?> FindByMobileAsync(string mobile, CancellationToken ct = default);

    Task<IntegrationMember?> FindByLineUserIdAsync(string lineUserId, CancellationToken ct = default);

    /// <summary>
    /// Creates an offline member, idempotent by mobile: a member who already has the mobile is returned unchanged.
    /// Invalid input gives <see cref="OfflineRegistrationResult.Errors"/> by field and changes nothing.
    /// </summary>
    Task<OfflineRegistrationResult> RegisterOfflineAsync(OfflineRegistrationRequest request, CancellationToken ct = default);
}

/// <summary>A member as the integration API shows it (no notes, no consents).</summary>
public sealed record IntegrationMember(
    Guid Id,
    string MemberCode,
    MemberStatus Status,
    string? Name,
    string? Mobile,
    string? Email,
    DateOnly? Birthday,
    Gender Gender,
    string? Region,
    string? PreferredStore,
    string? LineUserId,
    FriendStatus FriendStatus,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset CreatedAt);

/// <summary>Fields as the caller sent them: the module validates and normalises them.</summary>
/// <param name="Birthday"><c>yyyy-MM-dd</c>.</param>
/// <param name="Gender"><c>female</c>, <c>male</c>, <c>other</c> or <c>unspecified</c>.</param>
/// <param name="Region">A <see cref="TaiwanRegions"/> code or name.</param>
/// <param name="ConsentTermsVersion">The privacy terms version the member accepted at the counter, when they did.</param>
public sealed record OfflineRegistrationRequest(
    string? Mobile,
    string? Name = null,
    string? Email = null,
    string? Birthday = null,
    string? Gender = null,
    string? Region = null,
    string? StoreCode = null,
    int? ConsentTermsVersion = null);

/// <param name="Created">False when a member with the mobile already existed (and was left unchanged).</param>
/// <param name="Errors">Messages by field name (camelCase, as in the API); empty on success.</param>
public sealed record OfflineRegistrationResult(IntegrationMember? Member, bool Created, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
