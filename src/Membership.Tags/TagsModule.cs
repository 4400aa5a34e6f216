using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Membership.Tags.Assignments;
using Membership.Tags.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tags;

internal sealed partial class TagsModule(
    IDbContextFactory<TagsDbContext> contexts, TagWrites writes, BulkTagging bulk, Rules.TagRules rules, IMembersModule members, TimeProvider clock) : ITagsModule
{
    public const string DefaultColour = "#1E88E5";

    public async Task<IReadOnlyList<TagDefinition>> ListTagsAsync(bool includeArchived = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Tags.AsNoTracking().Where(t => includeArchived || !t.Archived).OrderBy(t => t.Name).ToListAsync(ct);
        return rows.Select(ToDefinition).ToList();
    }

    public async Task<TagDefinition?> FindTagAsync(string name, CancellationToken ct = default) =>
        await FindRowAsync(name, ct) is { } row ? ToDefinition(row) : null;

    public async Task<TagDefinition?> GetTagAsync(Guid tagId, CancellationToken ct = default) =>
        await GetRowAsync(tagId, ct) is { } row ? ToDefinition(row) : null;

    public async Task<SaveTagResult> SaveTagAsync(SaveTagRequest request, CancellationToken ct = default)
    {
        var name = request.Name.Trim();
        var colour = string.IsNullOrWhiteSpace(request.Colour) ? DefaultColour : request.Colour.Trim();
        if (name.Length is 0 or > 50 || name.Contains(',', StringComparison.Ordinal))
        {
            return new SaveTagResult(SaveTagOutcome.Invalid, null, "名稱 1 到 50 個字，不可含逗號 / A name of 1 to 50 characters, no commas.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(colour, "^#[0-9A-Fa-f]{6}$"))
        {
            return new SaveTagResult(SaveTagOutcome.Invalid, null, "顏色格式為 #RRGGBB / A colour is #RRGGBB.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var normalized = name.ToLowerInvariant();
        if (await db.Tags.AnyAsync(t => t.NormalizedName == normalized && t.Id != request.Id, ct))
        {
            return new SaveTagResult(SaveTagOutcome.NameTaken, null, "已有同名標籤 / A tag has this name already.");
        }

        var now = clock.GetUtcNow();
        var row = request.Id is { } id ? await db.Tags.SingleOrDefaultAsync(t => t.Id == id, ct) : null;
        if (request.Id is not null && row is null)
        {
            return new SaveTagResult(SaveTagOutcome.NotFound, null);
        }

        if (row is null)
        {
            row = new TagRow { Id = Guid.CreateVersion7(), Name = name, NormalizedName = normalized, Colour = colour, CreatedAt = now, CreatedBy = request.By.Name, Kind = (int)request.Kind };
            db.Tags.Add(row);
        }

        row.Name = name;
        row.NormalizedName = normalized;
        row.Colour = colour;
        row.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim()[..Math.Min(request.Description.Trim().Length, 500)];
        row.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return new SaveTagResult(SaveTagOutcome.NameTaken, null, "已有同名標籤 / A tag has this name already.");
        }

        return new SaveTagResult(SaveTagOutcome.Saved, ToDefinition(row));
    }

    public async Task<bool> SetArchivedAsync(Guid tagId, bool archived, TagActor by, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Tags.Where(t => t.Id == tagId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Archived, archived).SetProperty(t => t.UpdatedAt, clock.GetUtcNow()), ct) > 0;
    }

    public async Task<TagMemberResult> TagMemberAsync(TagMemberRequest request, CancellationToken ct = default)
    {
        if (await GetRowAsync(request.TagId, ct) is not { } tag)
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

        return await writes.AddAsync(tag, request.MemberId, request.By, request.SourceId, ct);
    }

    public async Task<bool> UntagMemberAsync(UntagMemberRequest request, CancellationToken ct = default) =>
        await GetRowAsync(request.TagId, ct) is { } tag && await writes.RemoveAsync(tag, request.MemberId, request.By, ct);

    public async Task<IReadOnlyList<MemberTag>> GetMemberTagsAsync(Guid memberId, CancellationToken ct = default) =>
        (await GetMemberTagHistoryAsync(memberId, ct)).Where(a => a.IsCurrent)
            .Select(a => new MemberTag(a.TagId, a.TagName, a.Colour, a.AddedAt, a.AddedBy)).OrderBy(t => t.Name).ToList();

    public async Task<IReadOnlyList<TagAssignment>> GetMemberTagHistoryAsync(Guid memberId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Assignments.AsNoTracking().Where(a => a.MemberId == memberId)
            .Join(db.Tags.AsNoTracking(), a => a.TagId, t => t.Id, (a, t) => new { a, t })
            .OrderByDescending(x => x.a.RemovedAt ?? x.a.AddedAt).ToListAsync(ct);
        return rows.Select(x => TagWrites.ToAssignment(x.a, x.t)).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CountMembersByTagAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Assignments.AsNoTracking().Where(a => a.RemovedAt == null).GroupBy(a => a.TagId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    public async Task<BulkTagResult> TagMembersAsync(Guid tagId, IReadOnlyCollection<Guid> memberIds, TagActor by, CancellationToken ct = default)
    {
        if (await GetRowAsync(tagId, ct) is not { Archived: false })
        {
            return new BulkTagResult(0, 0, memberIds.Count);
        }

        var tagged = await bulk.InsertAsync(tagId, memberIds, by, "bulk", ct);
        return new BulkTagResult(tagged, memberIds.Distinct().Count() - tagged, 0);
    }

    private async Task<TagRow?> FindRowAsync(string name, CancellationToken ct)
    {
        var normalized = name.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.NormalizedName == normalized, ct);
    }

    private async Task<TagRow?> GetRowAsync(Guid tagId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tagId, ct);
    }

    private static TagDefinition ToDefinition(TagRow t) =>
        new(t.Id, t.Name, t.Colour, t.Description, (TagKind)t.Kind, t.Archived, t.CreatedAt, t.CreatedBy);
}
