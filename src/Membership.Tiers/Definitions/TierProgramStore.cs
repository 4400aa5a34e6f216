using Membership.Contracts.Tiers;
using Membership.Tiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tiers.Definitions;

/// <summary>Reads and replaces the tier definitions and the program-wide basis.</summary>
internal sealed class TierProgramStore(IDbContextFactory<TiersDbContext> dbFactory, TierProgramCache cache, TimeProvider clock)
{
    /// <summary>The program, read at most every <see cref="TierProgramCache.CacheFor"/>: for hot paths such as a purchase's tier look-up.</summary>
    public async Task<TierProgram> GetCachedAsync(CancellationToken ct)
    {
        if (cache.Find() is { } program)
        {
            return program;
        }

        program = await GetAsync(ct);
        cache.Remember(program);
        return program;
    }

    public async Task<TierProgram> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db, ct);
    }

    public static async Task<TierProgram> ReadAsync(TiersDbContext db, CancellationToken ct)
    {
        var basis = await db.Settings.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Basis).FirstOrDefaultAsync(ct);
        var rows = await db.Definitions.AsNoTracking().OrderBy(t => t.Rank).ToListAsync(ct);
        return new TierProgram((TierBasis)basis, rows.Select(ToDefinition).ToList());
    }

    public async Task<SaveTierProgramResult> SaveAsync(TierProgram program, string changedBy, CancellationToken ct)
    {
        var errors = TierProgramValidator.Validate(program);
        if (errors.Count > 0)
        {
            return new SaveTierProgramResult(false, errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var codes = program.Tiers.Select(t => t.Code).ToList();
        if (await db.MemberTiers.AnyAsync(m => !codes.Contains(m.TierCode), ct))
        {
            return new SaveTierProgramResult(false, ["Tiers.Error.TierInUse"]);
        }

        // Ranks are unique: clear the old rows first so a swap of two ranks does not collide.
        await db.Definitions.ExecuteDeleteAsync(ct);
        db.Definitions.AddRange(program.Tiers.Select(ToRow));
        var settings = await db.Settings.SingleAsync(s => s.Id == 1, ct);
        settings.Basis = (int)program.Basis;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = changedBy;
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE tiers_member_tiers m SET rank = d.rank FROM tiers_definitions d WHERE d.code = m.tier_code AND m.rank <> d.rank", ct);
        await transaction.CommitAsync(ct);
        cache.Forget();
        return new SaveTierProgramResult(true, []);
    }

    public static TierDefinition ToDefinition(TierDefinitionRow row) =>
        new(row.Code, row.NameZh, row.NameEn, row.Rank, row.Threshold, row.PointsMultiplier, row.BirthdayGift, row.BirthdayPoints, row.Benefits);

    private static TierDefinitionRow ToRow(TierDefinition tier) => new()
    {
        Code = tier.Code,
        NameZh = tier.NameZh.Trim(),
        NameEn = tier.NameEn?.Trim() ?? "",
        Rank = tier.Rank,
        Threshold = tier.Threshold,
        PointsMultiplier = tier.PointsMultiplier,
        BirthdayGift = string.IsNullOrWhiteSpace(tier.BirthdayGift) ? null : tier.BirthdayGift.Trim(),
        BirthdayPoints = tier.BirthdayPoints,
        Benefits = string.IsNullOrWhiteSpace(tier.Benefits) ? null : tier.Benefits.Trim(),
    };
}
