using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Membership.Tags.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tags.Assignments;

/// <summary>Who carries which tag: adding, removing (the assignment stays as history), the member's tags and counts.</summary>
internal sealed class TagAssignments(IDbContextFactory<TagsDbContext> dbFactory, IMembersModule members, IMemberLookup lookup, TimeProvider clock)
{
    public async Task<TagMemberResult> TagAsync(TagMemberRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.TagId, ct);
        if (tag is null)
        {
            return new TagMemberResult(TagMemberOutcome.UnknownTag, null);
        }

        if (tag.Archived)
        {
            return new TagMemberResult(TagMemberOutcome.ArchivedTag, null);
        }

        if (await members.GetAsync(request.MemberId, ct) is null)
        {
            return new TagMemberResult(TagMemberOutcome.UnknownMember, null);
        }

        var added = await AssignmentWriter.AddAsync(db, tag, [request.MemberId], request.By, request.SourceId, clock.GetUtcNow(), ct);
        var current = await db.Assignments.AsNoTracking()
            .FirstAsync(a => a.MemberId == request.MemberId && a.TagId == tag.Id && a.RemovedAt == null, ct);
        return new TagMemberResult(added.Count == 1 ? TagMemberOutcome.Added : TagMemberOutcome.AlreadyTagged, current.ToAssignment(tag));
    }

    public async Task<bool> UntagAsync(UntagMemberRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.TagId, ct);
        return tag is not null && (await AssignmentWriter.RemoveAsync(db, tag, [request.MemberId], request.By, clock.GetUtcNow(), ct)).Count == 1;
    }

    public async Task<IReadOnlyList<MemberTag>> GetMemberTagsAsync(Guid memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Assignments.AsNoTracking()
            .Where(a => a.MemberId == memberId && a.RemovedAt == null)
            .Join(db.Tags, a => a.TagId, t => t.Id, (a, t) => new { a, t })
            .OrderBy(x => x.t.NormalizedName)
            .ToListAsync(ct);
        return rows.Select(x => new MemberTag(x.t.Id, x.t.Name, x.t.Colour, x.a.AddedAt, new TagActor((TagActorKind)x.a.AddedByKind, x.a.AddedBy))).ToList();
    }

    public async Task<IReadOnlyList<TagAssignment>> GetHistoryAsync(Guid memberId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Assignments.AsNoTracking()
            .Where(a => a.MemberId == memberId)
            .Join(db.Tags, a => a.TagId, t => t.Id, (a, t) => new { a, t })
            .OrderByDescending(x => x.a.AddedAt).ThenByDescending(x => x.a.Id)
            .ToListAsync(ct);
        return rows.Select(x => x.a.ToAssignment(x.t)).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CountByTagAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Assignments.AsNoTracking().Where(a => a.RemovedAt == null)
            .GroupBy(a => a.TagId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    /// <summary>Members unknown to Members (or erased) are counted, not tagged; the rest in one statement.</summary>
    public async Task<BulkTagResult> TagManyAsync(Guid tagId, IReadOnlyCollection<Guid> memberIds, TagActor by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tagId, ct);
        if (tag is null || tag.Archived)
        {
            throw new InvalidOperationException(tag is null ? "No such tag." : $"The tag '{tag.Name}' is archived.");
        }

        var distinct = memberIds.Distinct().ToList();
        var known = await lookup.FindCodesByIdAsync(distinct, ct);
        var added = await AssignmentWriter.AddAsync(db, tag, known.Keys.ToList(), by, null, clock.GetUtcNow(), ct);
        return new BulkTagResult(added.Count, known.Count - added.Count, distinct.Count - known.Count);
    }
}
