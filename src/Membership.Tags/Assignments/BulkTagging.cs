using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Npgsql;

namespace Membership.Tags.Assignments;

/// <summary>Tags many members in one statement (segments, CSV files): members who have the tag are left as they are.</summary>
internal sealed class BulkTagging(NpgsqlDataSource dataSource, IMemberLookup lookup, TimeProvider clock)
{
    private const string InsertMany = """
        INSERT INTO tags_assignments (id, member_id, tag_id, added_at, added_by_kind, added_by, source_id)
        SELECT gen_random_uuid(), m, @tag, @now, @kind, @by, @source
        FROM unnest(@members) AS m
        WHERE EXISTS (SELECT 1 FROM members_v_segment_profiles p WHERE p.member_id = m)
        ON CONFLICT (member_id, tag_id) WHERE removed_at IS NULL DO NOTHING
        """;

    public async Task<int> InsertAsync(Guid tagId, IReadOnlyCollection<Guid> memberIds, TagActor by, string source, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(InsertMany);
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue("tag", tagId);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("kind", (int)by.Kind);
        command.Parameters.AddWithValue("by", by.Name);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("members", memberIds.Distinct().ToArray());
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Reads member codes or mobiles, one per line; a first line that is neither is taken as a header.</summary>
    public async Task<(List<BulkTagRow> Rows, Dictionary<int, Guid> Found)> ReadCsvAsync(Stream csv, CancellationToken ct)
    {
        using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        var values = new List<(int Line, string Value)>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            var value = line.Split(',')[0].Trim().Trim('"');
            if (value.Length > 0)
            {
                values.Add((lineNumber, value));
            }
        }

        if (values.Count > 0 && !values[0].Value.Any(char.IsDigit))
        {
            values.RemoveAt(0);
        }

        var mobiles = values.Where(v => v.Value.StartsWith("09", StringComparison.Ordinal) || v.Value.StartsWith('+')).Select(v => v.Value).ToList();
        var codes = values.Select(v => v.Value).Except(mobiles).ToList();
        var byMobile = await lookup.FindIdsByMobileAsync(mobiles, ct);
        var byCode = await lookup.FindIdsByCodeAsync(codes, ct);
        var rows = new List<BulkTagRow>();
        var found = new Dictionary<int, Guid>();
        var seen = new HashSet<Guid>();
        foreach (var (line, value) in values)
        {
            var id = byMobile.TryGetValue(value, out var m) ? m : byCode.TryGetValue(value, out var c) ? c : (Guid?)null;
            var shown = value.StartsWith("09", StringComparison.Ordinal) && value.Length >= 10 ? value[..4] + "***" + value[^3..] : value;
            if (id is null)
            {
                rows.Add(new BulkTagRow(line, shown, value.Length > 40 ? BulkTagRowStatus.Invalid : BulkTagRowStatus.UnknownMember, null, "找不到會員 / no such member"));
            }
            else if (!seen.Add(id.Value))
            {
                rows.Add(new BulkTagRow(line, shown, BulkTagRowStatus.Duplicate, null, "同一位會員重複 / the same member again"));
            }
            else
            {
                found[line] = id.Value;
                rows.Add(new BulkTagRow(line, shown, BulkTagRowStatus.Tagged, null, null));
            }
        }

        return (rows, found);
    }
}
