using Membership.Contracts.Tiers;
using Membership.Tiers.Definitions;
using Membership.Tiers.Manual;
using Membership.Tiers.Persistence;
using Membership.Tiers.Qualifying;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tiers;

internal sealed class TiersModule(
    IDbContextFactory<TiersDbContext> dbFactory, TierProgramStore programs, TierAssignment assignment, TimeProvider clock) : ITiersModule
{
    // Compiled: every purchase asks for the member's tier (its points multiplier).
    private static readonly Func<TiersDbContext, Guid, CancellationToken, Task<MemberTierRow?>> RowOf =
        EF.CompileAsyncQuery((TiersDbContext db, Guid memberId, CancellationToken _) => db.MemberTiers.AsNoTracking().FirstOrDefault(m => m.MemberId == memberId));

    public async Task<MemberTier> GetMemberTierAsync(Guid memberId, CancellationToken ct = default)
    {
        var program = await programs.GetCachedAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (tier, _) = await CurrentAsync(db, memberId, program, ct);
        return tier;
    }

    public Task<TierProgram> GetProgramAsync(CancellationToken ct = default) => programs.GetAsync(ct);

    public Task<SaveTierProgramResult> SaveProgramAsync(TierProgram program, string changedBy, CancellationToken ct = default) =>
        programs.SaveAsync(program, changedBy, ct);

    public async Task<MemberTierStatus> GetMemberStatusAsync(Guid memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var program = await TierProgramStore.ReadAsync(db, ct);
        var (tier, current) = await CurrentAsync(db, memberId, program, ct);
        var qualifying = await TierQualification.QualifyingAsync(db, memberId, program.Basis, clock.GetUtcNow(), ct);
        var next = program.Tiers.Where(t => t.Rank > tier.Rank).MinBy(t => t.Rank);
        return new MemberTierStatus(tier, current, program.Basis, qualifying, next, next is null ? null : Math.Max(0, next.Threshold - qualifying));
    }

    public async Task<IReadOnlyList<TierChange>> GetHistoryAsync(Guid memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Changes.AsNoTracking()
            .Where(c => c.MemberId == memberId)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Select(c => new TierChange(c.ChangedAt, c.FromTierCode, c.ToTierCode, c.FromRank, c.ToRank, c.Reason))
            .ToListAsync(ct);
    }

    public Task<SetMemberTierResult> SetMemberTierAsync(SetMemberTierRequest request, CancellationToken ct = default) =>
        assignment.SetAsync(request, ct);

    private static async Task<(MemberTier Tier, TierDefinition Definition)> CurrentAsync(
        TiersDbContext db, Guid memberId, TierProgram program, CancellationToken ct)
    {
        var row = await RowOf(db, memberId, ct);
        var entry = program.Tiers.MinBy(t => t.Rank)!;
        var definition = row is null ? entry : program.Tiers.FirstOrDefault(t => t.Code == row.TierCode) ?? entry;
        var tier = new MemberTier(memberId, definition.Code, definition.NameZh, definition.Rank, definition.PointsMultiplier, row?.Since, row?.ReviewOn);
        return (tier, definition);
    }
}
