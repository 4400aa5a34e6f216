using Npgsql;

namespace Membership.Testing.Modules;

/// <summary>Rows of other modules' tables written by hand, for tests of a module that reads their published views.</summary>
public static class HandBuiltRows
{
    /// <summary>Tags the member with <paramref name="tag"/> (a manual tag, created when missing), added by "test".</summary>
    public static Task TagMemberAsync(this PostgresDatabaseFixture database, Guid memberId, string tag) => database.ExecuteAsync("""
        INSERT INTO tags_definitions (id, name, normalized_name, colour, kind, archived, created_at, updated_at)
        VALUES (gen_random_uuid(), @name, lower(@name), '#000000', 0, false, now(), now()) ON CONFLICT DO NOTHING;
        INSERT INTO tags_assignments (id, member_id, tag_id, added_at, added_by_kind, added_by)
        SELECT gen_random_uuid(), @member, id, now(), 0, 'test' FROM tags_definitions WHERE normalized_name = lower(@name);
        """, new NpgsqlParameter("name", tag), new NpgsqlParameter("member", memberId));
}
