namespace Membership.Contracts.Members;

/// <summary>Registration of a LINE friend as a member (the one-minute form inside LINE).</summary>
public interface IMemberRegistration
{
    /// <summary>
    /// Validates and registers in one transaction: binds the LINE friend (creating it when missing), or merges an
    /// offline member with the same mobile into it; records consent, the timeline entry and <see cref="MemberRegistered"/>.
    /// A confirmation is then pushed through LINE (after commit, from the outbox). Registering again changes nothing.
    /// </summary>
    Task<RegistrationResult> RegisterAsync(RegisterMemberRequest request, CancellationToken ct = default);
}

/// <param name="Birthday">yyyy-MM-dd as typed; parsed and checked here.</param>
/// <param name="Gender">A <see cref="Members.Gender"/> name; parsed and checked here.</param>
/// <param name="Region">A <see cref="TaiwanRegions"/> code.</param>
/// <param name="AcceptedTermsVersion">The privacy terms version shown to the member, when they ticked the consent box; null otherwise.</param>
public sealed record RegisterMemberRequest(
    string LineUserId,
    string? Name,
    string? Mobile,
    string? Birthday,
    string? Gender,
    string? Region,
    string? Email,
    int? AcceptedTermsVersion);

public enum RegistrationOutcome
{
    Registered = 0,
    AlreadyRegistered = 1,
    Invalid = 2,
}

/// <param name="Errors">Field name (<see cref="RegistrationFields"/>) → error code (<see cref="RegistrationErrors"/>); empty unless invalid.</param>
public sealed record RegistrationResult(RegistrationOutcome Outcome, MemberSummary? Member, IReadOnlyDictionary<string, string> Errors)
{
    public bool MergedOfflineMember { get; init; }
}

public static class RegistrationFields
{
    public const string Name = "name";
    public const string Mobile = "mobile";
    public const string Birthday = "birthday";
    public const string Gender = "gender";
    public const string Region = "region";
    public const string Email = "email";
    public const string Consent = "consent";
}

public static class RegistrationErrors
{
    public const string Required = "required";
    public const string Invalid = "invalid";
    public const string TooLong = "too-long";
    /// <summary>The mobile belongs to another LINE member.</summary>
    public const string Taken = "taken";
    /// <summary>The terms changed while the form was open: read the new version.</summary>
    public const string TermsChanged = "terms-changed";
}
