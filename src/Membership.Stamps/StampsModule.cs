using Membership.Contracts.Stamps;
using Membership.Stamps.Cards;
using Membership.Stamps.Definitions;
using Membership.Stamps.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Stamps;

internal sealed class StampsModule(
    IDbContextFactory<StampsDbContext> dbFactory, StampCardDefinitions definitions, StampTimeline timeline, TimeProvider clock) : IStampsModule
{
    private const int ClosedCardsShown = 5;

    public Task<IReadOnlyList<StampCardDefinition>> GetDefinitionsAsync(bool includeInactive = true, CancellationToken ct = default) =>
        definitions.ListAsync(includeInactive, ct);

    public Task<SaveStampCardResult> SaveDefinitionAsync(StampCardDefinition definition, string changedBy, CancellationToken ct = default) =>
        definitions.SaveAsync(definition, changedBy, ct);

    public async Task<IReadOnlyList<StampCard>> GetMemberCardsAsync(Guid memberId, CancellationToken ct = default)
    {
        var all = (await definitions.ListAsync(includeInactive: true, ct)).ToDictionary(d => d.Id);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Cards.AsNoTracking().Where(c => c.MemberId == memberId && c.ClosedAt == null).ToListAsync(ct);
        var closed = await db.Cards.AsNoTracking().Where(c => c.MemberId == memberId && c.ClosedAt != null)
            .OrderByDescending(c => c.ClosedAt).Take(ClosedCardsShown).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var current = all.Values.Where(d => d.Active || open.Any(c => c.DefinitionId == d.Id))
            .Select(d => StampBook.ToCard(d, open.FirstOrDefault(c => c.DefinitionId == d.Id), now));
        var past = closed.Where(c => all.ContainsKey(c.DefinitionId)).Select(c => StampBook.ToCard(all[c.DefinitionId], c, now));
        return current.Concat(past).ToList();
    }

    public async Task<IReadOnlyList<StampEntry>> GetHistoryAsync(Guid memberId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Entries.AsNoTracking()
            .Where(e => e.MemberId == memberId && e.Stamps != 0)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(Math.Clamp(take, 1, 500))
            .Join(db.Definitions, e => e.DefinitionId, d => d.Id,
                (e, d) => new StampEntry(e.Id, e.CardId, d.Name, e.Stamps, e.Source, e.Reason, e.RecordedBy, e.OccurredAt))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<EarnedStampReward>> GetRewardsAsync(Guid memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Rewards.AsNoTracking()
            .Where(r => r.MemberId == memberId)
            .OrderBy(r => r.HandedOutAt != null).ThenByDescending(r => r.EarnedAt)
            .Join(db.Definitions, r => r.DefinitionId, d => d.Id,
                (r, d) => new EarnedStampReward(r.Id, r.CardId, d.Name, r.Threshold, r.Description, r.EarnedAt, r.HandedOutAt, r.HandedOutBy))
            .ToListAsync(ct);
    }

    public async Task<AddStampsResult> AddStampsAsync(AddStampsRequest request, CancellationToken ct = default)
    {
        if (request.Stamps is < 1 or > 100 || string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 200
            || string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 80)
        {
            return new AddStampsResult(AddStampsOutcome.Invalid, null, [], "Stamps.Error.ManualInput");
        }

        var definition = (await definitions.ListAsync(includeInactive: false, ct)).FirstOrDefault(d => d.Id == request.DefinitionId);
        if (definition is null)
        {
            return new AddStampsResult(AddStampsOutcome.DefinitionNotFound, null, [], "Stamps.Error.NotFound");
        }

        var source = new StampSource($"manual:{request.IdempotencyKey}", "manual", null, null, request.Reason.Trim(), request.RecordedBy);
        var now = clock.GetUtcNow();
        StampCard card;
        List<StampReward> earned;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await StampBook.LockMemberAsync(db, request.MemberId, ct);
            if (await StampBook.WasAppliedAsync(db, source.Key, ct))
            {
                var open = await StampBook.OpenCardAsync(db, request.MemberId, definition.Id, now, ct);
                await transaction.CommitAsync(ct);
                return new AddStampsResult(AddStampsOutcome.Replayed, StampBook.ToCard(definition, open, now), []);
            }

            var (row, reached) = await StampBook.AddAsync(db, definition, request.MemberId, request.Stamps, source, now, ct);
            await transaction.CommitAsync(ct);
            (card, earned) = (StampBook.ToCard(definition, row, now), reached);
        }

        await timeline.RecordAsync(request.MemberId, now, source.Key, [(definition.Name, request.Stamps, card, earned)], ct);
        return new AddStampsResult(AddStampsOutcome.Added, card, earned);
    }

    public async Task<bool> HandOutRewardAsync(Guid rewardId, string handedOutBy, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var updated = await db.Rewards.Where(r => r.Id == rewardId && r.HandedOutAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.HandedOutAt, now).SetProperty(r => r.HandedOutBy, handedOutBy), ct);
        return updated == 1;
    }
}
