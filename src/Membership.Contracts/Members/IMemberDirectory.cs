using Membership.Contracts.Common;

namespace Membership.Contracts.Members;

/// <summary>
/// The console's view of members: search with filters, the full profile, staff edits (with a reason, audited),
/// notes, and members created at the counter.
/// </summary>
public interface IMemberDirectory
{
    /// <summary>One search box (mobile part, fuzzy name, member code, LINE display name) plus filters; server-side paging.</summary>
    Task<PagedResult<MemberSummary>> SearchAsync(MemberQuery query, PageRequest page, MemberSort? sort = null, CancellationToken ct = default);

    /// <summary>Every member matching the filters, streamed in the given order (for the CSV export).</summary>
    IAsyncEnumerable<MemberSummary> StreamAsync(MemberQuery query, MemberSort? sort = null, CancellationToken ct = default);

    /// <summary>The member with this card code, or null when the code is invalid (check digit) or unknown.</summary>
    Task<MemberSummary?> FindByMemberCodeAsync(string memberCode, CancellationToken ct = default);

    Task<MemberProfile?> GetProfileAsync(Guid memberId, CancellationToken ct = default);

    /// <exception cref="MemberDirectoryException">Reason missing, invalid field, mobile taken, member not found.</exception>
    Task<MemberProfile> UpdateProfileAsync(UpdateMemberProfileRequest request, CancellationToken ct = default);

    Task<StaffNote> AddNoteAsync(AddStaffNoteRequest request, CancellationToken ct = default);

    /// <summary>Pins a note (shown first) or unpins it; false when the member has no such note.</summary>
    Task<bool> SetNotePinnedAsync(Guid memberId, Guid noteId, bool pinned, CancellationToken ct = default);

    /// <summary>Creates a member at the counter; idempotent by mobile (an existing member is returned, flagged).</summary>
    Task<OfflineMemberResult> CreateOfflineMemberAsync(CreateOfflineMemberRequest request, CancellationToken ct = default);
}

public enum MemberSortField
{
    CreatedAt = 0,
    Name = 1,
    RegisteredAt = 2,
}

public sealed record MemberSort(MemberSortField Field = MemberSortField.CreatedAt, bool Descending = true);

/// <param name="Reason">Why the staff member changes the profile: required, kept in the audit log.</param>
public sealed record UpdateMemberProfileRequest(
    Guid MemberId,
    string? Name,
    string? Mobile,
    string? Email,
    DateOnly? Birthday,
    Gender Gender,
    string? Region,
    string? PreferredStore,
    string Reason);

/// <param name="Author">The signed-in staff member's display name or e-mail.</param>
public sealed record AddStaffNoteRequest(Guid MemberId, string Author, string Text);

/// <param name="CounterConsent">The customer agreed to the current privacy terms at the counter.</param>
public sealed record CreateOfflineMemberRequest(string Mobile, string? Name = null, bool CounterConsent = false);

/// <param name="AlreadyExisted">A member with this mobile existed: nothing was created.</param>
public sealed record OfflineMemberResult(MemberSummary Member, bool AlreadyExisted);

/// <summary>A staff operation on a member was refused; <see cref="Code"/> names the reason for the console's texts.</summary>
public sealed class MemberDirectoryException(string code, string message) : Exception(message)
{
    public const string NotFound = "NotFound";
    public const string ReasonRequired = "ReasonRequired";
    public const string MobileInvalid = "MobileInvalid";
    public const string MobileTaken = "MobileTaken";
    public const string EmailInvalid = "EmailInvalid";
    public const string RegionUnknown = "RegionUnknown";
    public const string TextRequired = "TextRequired";
    public const string NoPrivacyTerms = "NoPrivacyTerms";

    public string Code { get; } = code;
}
