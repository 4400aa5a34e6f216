using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Membership.Shared.Csv;
using Membership.Tags.Assignments;
using Membership.Tags.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tags.Bulk;

/// <summary>
/// Tags the members a CSV lists (first column: member code or mobile; a first row without digits is a header).
/// Every row is reported; one bad row (unknown member, invalid value) and nobody is tagged, unless only the good rows
/// are wanted. Repeats of a member are reported as duplicates and are not bad. Progress is reported in percent.
/// </summary>
internal sealed class CsvTagging(IDbContextFactory<TagsDbContext> dbFactory, IMemberLookup lookup, TimeProvider clock)
{
    public const int MaxRows = 200_000;
    private const int MaxValueLength = 40;

    public async Task<BulkTagCsvResult> TagAsync(BulkTagCsvRequest request, Stream csv, IProgress<int>? progress, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.TagId, ct);
        if (tag is null || tag.Archived)
        {
            return Refused(tag is null ? "No such tag." : $"The tag '{tag.Name}' is archived.");
        }

        var values = await ReadAsync(csv, ct);
        if (values is null)
        {
            return Refused($"The file has more than {MaxRows} rows.");
        }

        progress?.Report(20);
        var rows = await ResolveAsync(values, ct);
        progress?.Report(60);

        var bad = rows.Count(r => r.Status is BulkTagRowStatus.UnknownMember or BulkTagRowStatus.Invalid);
        var good = rows.Where(r => r.MemberId is not null && r.Status == BulkTagRowStatus.Tagged).ToList();
        if (bad > 0 && !request.OnlyGoodRows)
        {
            progress?.Report(100);
            return new BulkTagCsvResult(false, 0, 0, bad,
                rows.Select(r => r.Status == BulkTagRowStatus.Tagged ? r.ToRow(BulkTagRowStatus.NotApplied) : r.ToRow()).ToList(),
                $"{bad} row(s) are bad: nobody was tagged.");
        }

        var added = (await AssignmentWriter.AddAsync(db, tag, good.Select(r => r.MemberId!.Value).ToList(), request.By, "csv", clock.GetUtcNow(), ct)).ToHashSet();
        progress?.Report(100);
        var report = rows.Select(r => r.Status == BulkTagRowStatus.Tagged && !added.Contains(r.MemberId!.Value)
            ? r.ToRow(BulkTagRowStatus.AlreadyTagged) : r.ToRow()).ToList();
        return new BulkTagCsvResult(true, added.Count, good.Count - added.Count, bad, report);
    }

    private static BulkTagCsvResult Refused(string error) => new(false, 0, 0, 0, [], error);

    /// <returns>The first field of each record with its line; null when the file is too long.</returns>
    private static async Task<List<(int Line, string Value)>?> ReadAsync(Stream csv, CancellationToken ct)
    {
        var values = new List<(int, string)>();
        using var reader = new StreamReader(csv, leaveOpen: true);
        var first = true;
        await foreach (var record in CsvReader.ReadAsync(reader).WithCancellation(ct))
        {
            var value = record.Fields.Count > 0 ? record.Fields[0].Trim() : "";
            if (first && value.Length > 0 && !value.Any(char.IsAsciiDigit))
            {
                first = false;
                continue; // a header: "member code", "mobile", "會員編號"
            }

            first = false;
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue; // blank line
            }

            if (values.Count == MaxRows)
            {
                return null;
            }

            values.Add((record.Line, value));
        }

        return values;
    }

    private async Task<List<ResolvedRow>> ResolveAsync(List<(int Line, string Value)> values, CancellationToken ct)
    {
        var candidates = values.Select(v => v.Value).Where(IsPlausible).Distinct().ToList();
        var byCode = await lookup.FindIdsByCodeAsync(candidates, ct);
        var byMobile = await lookup.FindIdsByMobileAsync(candidates.Where(c => !byCode.ContainsKey(c)).ToList(), ct);
        var ids = byCode.Values.Concat(byMobile.Values).Distinct().ToList();
        var codes = await lookup.FindCodesByIdAsync(ids, ct); // also leaves erased members out

        var seen = new Dictionary<Guid, int>();
        var rows = new List<ResolvedRow>(values.Count);
        foreach (var (line, value) in values)
        {
            if (!IsPlausible(value))
            {
                rows.Add(new ResolvedRow(line, value, BulkTagRowStatus.Invalid, null, null, "Not a member code or a mobile number."));
                continue;
            }

            Guid? id = byCode.TryGetValue(value, out var c) ? c : byMobile.TryGetValue(value, out var m) ? m : null;
            if (id is not { } memberId || !codes.TryGetValue(memberId, out var code))
            {
                rows.Add(new ResolvedRow(line, value, BulkTagRowStatus.UnknownMember, null, null, "No member has this code or mobile."));
                continue;
            }

            if (seen.TryGetValue(memberId, out var firstLine))
            {
                rows.Add(new ResolvedRow(line, value, BulkTagRowStatus.Duplicate, null, code, $"The same member as line {firstLine}."));
                continue;
            }

            seen[memberId] = line;
            rows.Add(new ResolvedRow(line, value, BulkTagRowStatus.Tagged, memberId, code, null));
        }

        return rows;
    }

    /// <summary>Digits, maybe with +, -, spaces or brackets (mobiles as people write them).</summary>
    private static bool IsPlausible(string value) =>
        value.Length is > 0 and <= MaxValueLength && value.Any(char.IsAsciiDigit)
        && value.All(ch => char.IsAsciiDigit(ch) || ch is '+' or '-' or ' ' or '(' or ')');

    private sealed record ResolvedRow(int Line, string Value, BulkTagRowStatus Status, Guid? MemberId, string? MemberCode, string? Error)
    {
        public BulkTagRow ToRow(BulkTagRowStatus? status = null) => new(Line, Value, status ?? Status, MemberCode, Error);
    }
}
