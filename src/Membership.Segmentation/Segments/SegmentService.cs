using System.Runtime.CompilerServices;
using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;
using Membership.Segmentation.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Segmentation.Segments;

/// <summary>Segments evaluated when used (one parameterised query each), and the saved ones.</summary>
internal sealed class SegmentService(IDbContextFactory<SegmentationDbContext> contexts, NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string MemberColumns = $"""
        m.member_id, m.member_code, m.name, m.mobile, m.line_display_name, {SegmentSqlCompiler.Tier} AS tier_code,
        s.rfm_type, s.nes_state, {SegmentSqlCompiler.Points} AS points, {SegmentSqlCompiler.Reachable} AS reachable
        """;

    private readonly SegmentSqlCompiler _compiler = new(clock);

    public SegmentDefinitionParseResult Parse(string json) => SegmentDefinitionParser.Parse(json);

    public string ToJson(SegmentNode definition) => SegmentDefinitionParser.ToJson(definition);

    public IReadOnlyList<SegmentDefinitionError> Validate(SegmentNode definition) => SegmentDefinitionParser.Validate(definition);

    public async Task<SegmentCount> CountAsync(SegmentNode definition, CancellationToken ct)
    {
        var (where, parameters) = CompileValid(definition);
        await using var command = dataSource.CreateCommand(
            $"SELECT count(*)::int, (count(*) FILTER (WHERE {SegmentSqlCompiler.Reachable}))::int FROM {SegmentSqlCompiler.From} WHERE {where}");
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SegmentCount(reader.GetInt32(0), reader.GetInt32(1));
    }

    public async Task<PagedResult<SegmentMember>> ListMembersAsync(SegmentNode definition, PageRequest page, CancellationToken ct)
    {
        var total = (await CountAsync(definition, ct)).Count;
        var size = Math.Clamp(page.PageSize, 1, 500);
        var items = await QueryMembersAsync(definition, $"ORDER BY m.member_code LIMIT {size} OFFSET {(Math.Max(page.Page, 1) - 1) * (long)size}", ct);
        return new PagedResult<SegmentMember>(items, total, Math.Max(page.Page, 1), size);
    }

    public Task<IReadOnlyList<SegmentMember>> SampleAsync(SegmentNode definition, int take, CancellationToken ct) =>
        QueryMembersAsync(definition, $"LIMIT {Math.Clamp(take, 1, 100)}", ct);

    public SegmentSql CompileMemberIds(SegmentNode definition)
    {
        var (where, parameters) = CompileValid(definition);
        return new SegmentSql($"SELECT m.member_id FROM {SegmentSqlCompiler.From} WHERE {where}", parameters);
    }

    public async IAsyncEnumerable<Guid> StreamMemberIdsAsync(SegmentNode definition, [EnumeratorCancellation] CancellationToken ct)
    {
        var (where, parameters) = CompileValid(definition);
        await using var command = dataSource.CreateCommand($"SELECT m.member_id FROM {SegmentSqlCompiler.From} WHERE {where}");
        command.CommandTimeout = 0;
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return reader.GetGuid(0);
        }
    }

    public async Task<SaveSegmentResult> SaveAsync(SaveSegmentRequest request, CancellationToken ct)
    {
        var name = request.Name.Trim();
        var errors = Validate(request.Definition).ToList();
        if (name.Length is 0 or > 100)
        {
            errors.Insert(0, new SegmentDefinitionError("name", "A name of 1 to 100 characters."));
        }

        if (errors.Count > 0)
        {
            return new SaveSegmentResult(SaveSegmentOutcome.Invalid, null, errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var normalized = name.ToLowerInvariant();
        if (await db.Segments.AnyAsync(s => s.NormalizedName == normalized && s.Id != request.Id, ct))
        {
            return new SaveSegmentResult(SaveSegmentOutcome.NameTaken, null, [new SegmentDefinitionError("name", "A segment has this name already.")]);
        }

        var now = clock.GetUtcNow();
        var row = request.Id is { } id ? await db.Segments.SingleOrDefaultAsync(s => s.Id == id, ct) : null;
        if (request.Id is not null && row is null)
        {
            return new SaveSegmentResult(SaveSegmentOutcome.NotFound, null, []);
        }

        if (row is null)
        {
            row = new SegmentRow { Id = Guid.CreateVersion7(), Name = name, NormalizedName = normalized, Definition = "", CreatedAt = now, CreatedBy = request.SavedBy };
            db.Segments.Add(row);
        }

        row.Name = name;
        row.NormalizedName = normalized;
        row.Description = request.Description?.Trim() is { Length: > 0 } d ? d[..Math.Min(d.Length, 500)] : null;
        row.Definition = ToJson(request.Definition);
        row.UpdatedAt = now;
        row.UpdatedBy = request.SavedBy;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new SaveSegmentResult(SaveSegmentOutcome.NameTaken, null, [new SegmentDefinitionError("name", "A segment has this name already.")]);
        }

        return new SaveSegmentResult(SaveSegmentOutcome.Saved, row.Id, []);
    }

    public async Task<IReadOnlyList<SavedSegment>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Segments.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var segments = new List<SavedSegment>(rows.Count);
        foreach (var row in rows)
        {
            segments.Add(await ToSavedAsync(row, ct));
        }

        return segments;
    }

    public async Task<SavedSegment?> GetAsync(Guid segmentId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == segmentId, ct);
        return row is null ? null : await ToSavedAsync(row, ct);
    }

    public async Task<bool> DeleteAsync(Guid segmentId, string deletedBy, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Segments.Where(s => s.Id == segmentId).ExecuteDeleteAsync(ct) > 0;
    }

    private async Task<SavedSegment> ToSavedAsync(SegmentRow row, CancellationToken ct)
    {
        var definition = Parse(row.Definition).Definition
            ?? throw new InvalidOperationException($"Saved segment {row.Id} holds an invalid definition.");
        return new SavedSegment(row.Id, row.Name, row.Description, definition, row.Definition, row.CreatedAt, row.CreatedBy, row.UpdatedAt,
            await CountAsync(definition, ct));
    }

    private async Task<IReadOnlyList<SegmentMember>> QueryMembersAsync(SegmentNode definition, string tail, CancellationToken ct)
    {
        var (where, parameters) = CompileValid(definition);
        await using var command = dataSource.CreateCommand($"SELECT {MemberColumns} FROM {SegmentSqlCompiler.From} WHERE {where} {tail}");
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var members = new List<SegmentMember>();
        while (await reader.ReadAsync(ct))
        {
            members.Add(new SegmentMember(
                reader.GetGuid(0), reader.GetString(1), Nullable(reader, 2), Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5),
                Nullable(reader, 6), Nullable(reader, 7), reader.GetInt32(8), reader.GetBoolean(9)));
        }

        return members;
    }

    private (string Where, List<NpgsqlParameter> Parameters) CompileValid(SegmentNode definition)
    {
        var errors = Validate(definition);
        return errors.Count > 0 ? throw new InvalidSegmentDefinitionException(errors) : _compiler.Compile(definition);
    }

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
