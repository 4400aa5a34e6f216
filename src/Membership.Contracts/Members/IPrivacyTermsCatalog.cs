namespace Membership.Contracts.Members;

/// <summary>Versions of the privacy terms members agree to. Registration always shows the latest.</summary>
public interface IPrivacyTermsCatalog
{
    /// <summary>The latest version; version 1 (a default text) is created when none exists.</summary>
    Task<PrivacyTerms> GetCurrentAsync(CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<PrivacyTerms>> ListAsync(CancellationToken ct = default);

    /// <summary>Publishes the next version (audited). Text of 1 to 20,000 characters.</summary>
    Task<PrivacyTerms> PublishAsync(string text, CancellationToken ct = default);
}
