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

    /// <summary>A purchase of <paramref name="total"/> NT$ at <paramref name="at"/> (store S01, no lines), as the Points module stores one.</summary>
    public static Task PurchaseAsync(this PostgresDatabaseFixture database, Guid memberId, decimal total, DateTimeOffset at, decimal refunded = 0) =>
        database.ExecuteAsync("""
            INSERT INTO points_purchases (id, member_id, store_code, receipt_number, total, refunded_amount, occurred_at, channel, points_earned,
                                          points_reversed, imported, lines, created_at)
            VALUES (gen_random_uuid(), @member, 'S01', gen_random_uuid()::text, @total, @refunded, @at, 'pos', 0, 0, false, '[]', now())
            """, new NpgsqlParameter("member", memberId), new NpgsqlParameter("total", total), new NpgsqlParameter("refunded", refunded),
            new NpgsqlParameter("at", at));
}
