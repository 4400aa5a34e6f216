using Membership.Contracts.Common;

namespace Membership.Contracts.Audit;

/// <summary>The audit log of staff actions, kept by the host. Modules record through it.</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken ct = default);

    Task<PagedResult<AuditEntry>> ListAsync(AuditQuery query, PageRequest page, CancellationToken ct = default);
}

/// <param name="Action">Dotted verb, e.g. <c>staff.role-changed</c>.</param>
/// <param name="SubjectType">What was acted on, e.g. <c>staff</c>, <c>member</c>.</param>
/// <param name="SubjectId">Its id (never a phone number or an e-mail).</param>
/// <param name="Details">Short, non-personal description of the change.</param>
/// <param name="Reason">Why the staff member did it, where asked.</param>
public sealed record AuditRecord(string Action, string SubjectType, string SubjectId, string? Details = null, string? Reason = null);

public sealed record AuditEntry(
    Guid Id,
    DateTimeOffset OccurredAt,
    string? ActorId,
    string? ActorName,
    string Action,
    string SubjectType,
    string SubjectId,
    string? Details,
    string? Reason);

public sealed record AuditQuery(string? Action = null, string? SubjectType = null, string? SubjectId = null);
