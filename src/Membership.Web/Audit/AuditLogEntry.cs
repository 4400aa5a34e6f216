namespace Membership.Web.Audit;

internal sealed class AuditLogEntry
{
    public Guid Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    public required string Action { get; init; }
    public required string SubjectType { get; init; }
    public required string SubjectId { get; init; }
    public string? Details { get; init; }
    public string? Reason { get; init; }
}
