using Membership.Contracts.Tags;
using Membership.Tags.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tags.Assignments;

/// <summary>
/// Adds and removes tags set-based: one statement writes the assignments (or closes them, keeping the history) and
/// the <see cref="MemberTagged"/> / <see cref="MemberUntagged"/> rows of the tags outbox, in the caller's transaction.
/// Members who have the tag already are left alone by the partial unique index <c>ix_tags_assignments_current</c>.
/// </summary>
internal static class AssignmentWriter
{
    private static readonly string TaggedType = typeof(MemberTagged).AssemblyQualifiedName!;
    private static readonly string UntaggedType = typeof(MemberUntagged).AssemblyQualifiedName!;

    /// <returns>The members who gained the tag (not those who had it).</returns>
    public static async Task<IReadOnlyList<Guid>> AddAsync(
        TagsDbContext db, TagRow tag, IReadOnlyCollection<Guid> memberIds, TagActor by, string? sourceId, DateTimeOffset at, CancellationToken ct)
    {
        if (memberIds.Count == 0)
        {
            return [];
        }

        var members = memberIds.Distinct().ToArray();
        var ids = members.Select(_ => Guid.CreateVersion7()).ToArray();
        var source = sourceId is { Length: > 200 } ? sourceId[..200] : sourceId;
        return await db.Database.SqlQuery<Guid>($"""
            WITH added AS (
                INSERT INTO tags_assignments (id, member_id, tag_id, added_at, added_by_kind, added_by, source_id)
                SELECT n.id, n.member_id, {tag.Id}, {at}, {(int)by.Kind}, {by.Name}, {source}
                FROM unnest({ids}, {members}) AS n(id, member_id)
                ON CONFLICT (member_id, tag_id) WHERE removed_at IS NULL DO NOTHING
                RETURNING member_id),
            raised AS (
                INSERT INTO tags_outbox_messages (id, type, payload, occurred_at, attempts)
                SELECT gen_random_uuid(), {TaggedType}, jsonb_build_object(
                    'memberId', a.member_id, 'tagId', {tag.Id}, 'tagName', {tag.Name},
                    'by', jsonb_build_object('kind', {(int)by.Kind}, 'name', {by.Name}), 'at', {at}::timestamptz), {at}, 0
                FROM added a)
            SELECT member_id AS "Value" FROM added
            """).ToListAsync(ct);
    }

    /// <param name="onlySourcePrefix">Only assignments whose source starts with it (a rule removes only what it added).</param>
    /// <returns>The members who lost the tag.</returns>
    public static async Task<IReadOnlyList<Guid>> RemoveAsync(
        TagsDbContext db, TagRow tag, IReadOnlyCollection<Guid> memberIds, TagActor by, DateTimeOffset at, CancellationToken ct,
        string? onlySourcePrefix = null)
    {
        if (memberIds.Count == 0)
        {
            return [];
        }

        var members = memberIds.Distinct().ToArray();
        var pattern = onlySourcePrefix is null ? "%" : EscapeLike(onlySourcePrefix) + "%";
        return await db.Database.SqlQuery<Guid>($"""
            WITH removed AS (
                UPDATE tags_assignments SET removed_at = {at}, removed_by_kind = {(int)by.Kind}, removed_by = {by.Name}
                WHERE tag_id = {tag.Id} AND member_id = ANY({members}) AND removed_at IS NULL
                  AND coalesce(source_id, '') LIKE {pattern}
                RETURNING member_id),
            raised AS (
                INSERT INTO tags_outbox_messages (id, type, payload, occurred_at, attempts)
                SELECT gen_random_uuid(), {UntaggedType}, jsonb_build_object(
                    'memberId', r.member_id, 'tagId', {tag.Id}, 'tagName', {tag.Name},
                    'by', jsonb_build_object('kind', {(int)by.Kind}, 'name', {by.Name}), 'at', {at}::timestamptz), {at}, 0
                FROM removed r)
            SELECT member_id AS "Value" FROM removed
            """).ToListAsync(ct);
    }

    private static string EscapeLike(string value) => value.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
