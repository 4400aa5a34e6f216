using System.Text.RegularExpressions;
using Membership.Contracts.Tags;
using Membership.Tags.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Tags.Definitions;

/// <summary>Tag definitions: a unique name (case-insensitive, trimmed), a colour, what it means, the kind, archived or not.</summary>
internal sealed partial class TagDefinitions(IDbContextFactory<TagsDbContext> dbFactory, TimeProvider clock)
{
    public const string DefaultColour = "#607D8B";
    public const int NameMaxLength = 50;
    public const int DescriptionMaxLength = 500;

    public async Task<IReadOnlyList<TagDefinition>> ListAsync(bool includeArchived, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Tags.AsNoTracking().Where(t => includeArchived || !t.Archived).OrderBy(t => t.NormalizedName).ToListAsync(ct);
        return rows.Select(r => r.ToDefinition()).ToList();
    }

    public async Task<TagDefinition?> FindAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await FindRowAsync(db, name, ct))?.ToDefinition();
    }

    public async Task<TagDefinition?> GetAsync(Guid tagId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tagId, ct))?.ToDefinition();
    }

    public static Task<TagRow?> FindRowAsync(TagsDbContext db, string name, CancellationToken ct)
    {
        var normalized = TagMapping.Normalize(name);
        return db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.NormalizedName == normalized, ct);
    }

    public async Task<SaveTagResult> SaveAsync(SaveTagRequest request, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        var colour = string.IsNullOrWhiteSpace(request.Colour) ? DefaultColour : request.Colour.Trim().ToUpperInvariant();
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        if (Validate(name, colour, description) is { } error)
        {
            return new SaveTagResult(SaveTagOutcome.Invalid, null, error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = TagMapping.Normalize(name);
        if (await db.Tags.AnyAsync(t => t.NormalizedName == normalized && t.Id != request.Id, ct))
        {
            return new SaveTagResult(SaveTagOutcome.NameTaken, null, $"A tag named '{name}' exists.");
        }

        var now = clock.GetUtcNow();
        TagRow? row;
        if (request.Id is { } id)
        {
            row = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (row is null)
            {
                return new SaveTagResult(SaveTagOutcome.NotFound, null, "No such tag.");
            }
        }
        else
        {
            row = new TagRow { Id = Guid.CreateVersion7(), Name = name, NormalizedName = normalized, Colour = colour, CreatedAt = now, CreatedBy = request.By.Name };
            db.Tags.Add(row);
        }

        row.Name = name;
        row.NormalizedName = normalized;
        row.Colour = colour;
        row.Description = description;
        row.Kind = (int)request.Kind;
        row.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new SaveTagResult(SaveTagOutcome.NameTaken, null, $"A tag named '{name}' exists.");
        }

        return new SaveTagResult(SaveTagOutcome.Saved, row.ToDefinition());
    }

    public async Task<bool> SetArchivedAsync(Guid tagId, bool archived, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Tags.Where(t => t.Id == tagId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Archived, archived).SetProperty(t => t.UpdatedAt, now), ct) == 1;
    }

    private static string? Validate(string name, string colour, string? description)
    {
        if (name.Length == 0)
        {
            return "The name is required.";
        }

        if (name.Length > NameMaxLength)
        {
            return $"The name has at most {NameMaxLength} characters.";
        }

        if (name.Any(char.IsControl))
        {
            return "The name cannot hold control characters.";
        }

        if (!Colour().IsMatch(colour))
        {
            return "The colour is a hex colour such as #8E24AA.";
        }

        return description is { Length: > DescriptionMaxLength } ? $"The description has at most {DescriptionMaxLength} characters." : null;
    }

    [GeneratedRegex("^#[0-9A-F]{6}([0-9A-F]{2})?$")]
    private static partial Regex Colour();
}
