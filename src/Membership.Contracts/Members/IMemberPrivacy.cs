namespace Membership.Contracts.Members;

/// <summary>Taiwan PDPA (個資法) requests about one member: a copy of their data, erasure. Both audited with the reason.</summary>
public interface IMemberPrivacy
{
    /// <summary>Everything kept about the member; null when there is no such member. Audited as <c>member.exported</c>.</summary>
    Task<MemberDataExport?> ExportAsync(Guid memberId, string reason, CancellationToken ct = default);

    /// <summary>
    /// Wipes the member's personal data and LINE link; the row and its member code stay so financial history keeps
    /// its shape without identity. Idempotent. Audited as <c>member.erased</c>. False when there is no such member.
    /// </summary>
    Task<bool> EraseAsync(Guid memberId, string reason, CancellationToken ct = default);
}

public sealed record MemberDataExport(DateTimeOffset ExportedAt, MemberProfile Profile, IReadOnlyList<TimelineEntry> Timeline);
