using Membership.Contracts.Tiers;
using Membership.Shared.Outbox;
using Membership.Shared.Time;
using Membership.Tiers.Definitions;
using Membership.Tiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tiers.Qualifying;

/// <summary>
/// Records qualifying activity once per source and upgrades the member at once when the rolling total reaches a
/// higher tier. Never downgrades: that is the yearly review's job. One member's activity is serialised by a row lock
/// on the member's tier row.
/// </summary>
internal sealed class TierUpgrader(IDbContextFactory<TiersDbContext> dbFactory, TimeProvider clock)
{
    public const string UpgradeReason = "upgrade";

    /// <returns>The change, when the activity raised the member's tier.</returns>
    public async Task<TierChangeRow?> RecordAsync(QualifyingActivityRow activity, bool mayUpgrade, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var program = await TierProgramStore.ReadAsync(db, ct);
        var member = await LockMemberAsync(db, activity.MemberId, program, ct);
        if (await db.Activities.AnyAsync(a => a.SourceKey == activity.SourceKey, ct))
        {
            return null; // a redelivered event: counted already
        }

        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);

        TierChangeRow? change = null;
        if (mayUpgrade)
        {
            var now = clock.GetUtcNow();
            var qualifying = await TierQualification.QualifyingAsync(db, member.MemberId, program.Basis, now, ct);
            var target = TierQualification.TierFor(program, qualifying);
            if (target.Rank > member.Rank)
            {
                change = Change(member, target, now, UpgradeReason);
                Record(db, change);
                await db.SaveChangesAsync(ct);
            }
        }

        await transaction.CommitAsync(ct);
        return change;
    }

    /// <summary>Adds the change to the history and <see cref="MemberTierChanged"/> to the outbox, saved by the caller.</summary>
    internal static void Record(TiersDbContext db, TierChangeRow change)
    {
        db.Changes.Add(change);
        db.Outbox.Add(OutboxMessage.For(
            new MemberTierChanged(change.MemberId, change.FromTierCode, change.ToTierCode, change.FromRank, change.ToRank, change.Reason, change.ChangedAt),
            change.ChangedAt));
    }

    /// <summary>Moves the locked member row to <paramref name="target"/>, with the next review a year from now (none at the entry tier).</summary>
    internal static TierChangeRow Change(MemberTierRow member, TierDefinition target, DateTimeOffset now, string reason)
    {
        var change = new TierChangeRow
        {
            Id = Guid.CreateVersion7(),
            MemberId = member.MemberId,
            FromTierCode = member.TierCode,
            ToTierCode = target.Code,
            FromRank = member.Rank,
            ToRank = target.Rank,
            Reason = reason,
            ChangedAt = now,
        };
        member.TierCode = target.Code;
        member.Rank = target.Rank;
        member.Since = now;
        member.ReviewOn = target.Rank == 0 ? null : TierQualification.Anniversary(DateOnly.FromDateTime(TaipeiTime.ToTaipei(now).DateTime));
        member.UpdatedAt = now;
        return change;
    }

    /// <summary>The member's tier row (created at the entry tier when missing), locked until the transaction ends.</summary>
    internal static async Task<MemberTierRow> LockMemberAsync(TiersDbContext db, Guid memberId, TierProgram program, CancellationToken ct)
    {
        var entry = program.Tiers.MinBy(t => t.Rank)!;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO tiers_member_tiers (member_id, tier_code, rank, updated_at) VALUES ({memberId}, {entry.Code}, {entry.Rank}, now())
            ON CONFLICT (member_id) DO NOTHING
            """, ct);
        return await db.MemberTiers.FromSql($"SELECT * FROM tiers_member_tiers WHERE member_id = {memberId} FOR UPDATE").SingleAsync(ct);
    }
}
