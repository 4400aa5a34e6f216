using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Membership.Members.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members.Api;

/// <summary>Member ids for many codes or mobiles at once (sales imports): chunks of a few thousand keys, one indexed query each.</summary>
internal sealed class MemberLookup(IDbContextFactory<MembersDbContext> dbFactory) : IMemberLookup
{
    private const int ChunkSize = 5000;

    public async Task<IReadOnlyDictionary<string, Guid>> FindIdsByCodeAsync(IReadOnlyCollection<string> memberCodes, CancellationToken ct = default)
    {
        var found = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chunk in memberCodes.Where(MemberCodes.IsValid).Distinct().Chunk(ChunkSize))
        {
            var rows = await db.Members.AsNoTracking().Where(m => chunk.Contains(m.MemberCode))
                .Select(m => new { m.MemberCode, m.Id }).ToListAsync(ct);
            foreach (var row in rows)
            {
                found[row.MemberCode] = row.Id;
            }
        }

        return found;
    }

    public async Task<IReadOnlyDictionary<Guid, MemberSummary>> GetManyAsync(IReadOnlyCollection<Guid> memberIds, CancellationToken ct = default)
    {
        var found = new Dictionary<Guid, MemberSummary>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chunk in memberIds.Distinct().Chunk(ChunkSize))
        {
            foreach (var row in await db.Members.AsNoTracking().Where(m => chunk.Contains(m.Id)).ToListAsync(ct))
            {
                found[row.Id] = row.ToSummary();
            }
        }

        return found;
    }

    public async Task<IReadOnlyDictionary<string, Guid>> FindIdsByMobileAsync(IReadOnlyCollection<string> mobiles, CancellationToken ct = default)
    {
        var asGiven = mobiles.Distinct()
            .Select(given => (Given: given, Normalized: TaiwanMobile.Normalize(given)))
            .Where(m => m.Normalized is not null)
            .ToLookup(m => m.Normalized!, m => m.Given);
        var found = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chunk in asGiven.Select(g => g.Key).Chunk(ChunkSize))
        {
            var rows = await db.Members.AsNoTracking().Where(m => chunk.Contains(m.Mobile!))
                .Select(m => new { m.Mobile, m.Id }).ToListAsync(ct);
            foreach (var row in rows)
            {
                foreach (var given in asGiven[row.Mobile!])
                {
                    found[given] = row.Id;
                }
            }
        }

        return found;
    }
}
