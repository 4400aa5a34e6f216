using Membership.Contracts.Tags;
using Membership.Tags.Persistence;
using Membership.Shared.Outbox;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Tags.Assignments;

/// <summary>Adds and removes assignments; each change keeps who or what made it and raises its event in the same save.</summary>
internal sealed class TagWrites(IDbContextFactory<TagsDbContext> contexts, TimeProvider clock)
{
    public async Task<TagMemberResult> AddAsync(TagRow tag, Guid memberId, TagActor by, string? sourceId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Assignments.AsNoTracking().FirstOrDefaultAsync(a => a.MemberId == memberId && a.TagId == tag.Id && a.RemovedAt == null, ct) is { } current)
        {
            return new TagMemberResult(TagMemberOutcome.AlreadyTagged, ToAssignment(current, tag));
        }

        var now = clock.GetUtcNow();
        var row = new TagAssignmentRow
        {
            Id = Guid.CreateVersion7(), MemberId = memberId, TagId = tag.Id, AddedAt = now, AddedByKind = (int)by.Kind,
            AddedBy = Shorten(by.Name, 256), SourceId = sourceId is null ? null : Shorten(sourceId, 200),
        };
        db.Assignments.Add(row);
        db.Outbox.Add(OutboxMessage.For(new MemberTagged(memberId, tag.Id, tag.Name, by, now), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new TagMemberResult(TagMemberOutcome.AlreadyTagged, null); // tagged at the same moment by someone else
        }

        return new TagMemberResult(TagMemberOutcome.Added, ToAssignment(row, tag));
    }

    public async Task<bool> RemoveAsync(TagRow tag, Guid memberId, TagActor by, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var current = await db.Assignments.FirstOrDefaultAsync(a => a.MemberId == memberId && a.TagId == tag.Id && a.RemovedAt == null, ct);
        if (current is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        current.RemovedAt = now;
        current.RemovedByKind = (int)by.Kind;
        current.RemovedBy = Shorten(by.Name, 256);
        db.Outbox.Add(OutboxMessage.For(new MemberUntagged(memberId, tag.Id, tag.Name, by, now), now));
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static TagAssignment ToAssignment(TagAssignmentRow a, TagRow tag) => new(
        a.Id, a.MemberId, a.TagId, tag.Name, tag.Colour, a.AddedAt, new TagActor((TagActorKind)a.AddedByKind, a.AddedBy),
        a.RemovedAt, a.RemovedAt is null ? null : new TagActor((TagActorKind)(a.RemovedByKind ?? 0), a.RemovedBy ?? ""));

    private static string Shorten(string text, int max) => text.Length > max ? text[..max] : text;
}
