using Membership.Contracts.Audit;
using Membership.Contracts.Members;
using Membership.Contracts.Tiers;
using Membership.Tiers.Definitions;
using Membership.Tiers.Persistence;
using Membership.Tiers.Qualifying;
using Microsoft.EntityFrameworkCore;

namespace Membership.Tiers.Manual;

/// <summary>An Owner sets a member's tier by hand, under the same row lock as upgrades; the yearly review later judges it like any other.</summary>
internal sealed class TierAssignment(IDbContextFactory<TiersDbContext> dbFactory, IMembersModule members, IAuditTrail audit, TimeProvider clock)
{
    public const string ManualReason = "manual";
    public const int MaxReasonLength = 200;

    public async Task<SetMemberTierResult> SetAsync(SetMemberTierRequest request, CancellationToken ct)
    {
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > MaxReasonLength)
        {
            return Refused($"A reason of 1 to {MaxReasonLength} characters is required.");
        }

        if (await members.GetAsync(request.MemberId, ct) is null)
        {
            return Refused("No member has this id.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var program = await TierProgramStore.ReadAsync(db, ct);
        if (program.Tiers.FirstOrDefault(t => t.Code == request.TierCode) is not { } target)
        {
            return Refused($"There is no tier '{request.TierCode}'.");
        }

        var member = await TierUpgrader.LockMemberAsync(db, request.MemberId, program, ct);
        if (member.TierCode == target.Code)
        {
            return new SetMemberTierResult(true, false, TierOf(member, target));
        }

        var change = TierUpgrader.Change(member, target, clock.GetUtcNow(), ManualReason);
        TierUpgrader.Record(db, change);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(new AuditRecord(
            "member.tier-set", "member", request.MemberId.ToString(), $"{change.FromTierCode} → {change.ToTierCode}", reason), ct);
        return new SetMemberTierResult(true, true, TierOf(member, target));
    }

    private static MemberTier TierOf(MemberTierRow member, TierDefinition tier) =>
        new(member.MemberId, tier.Code, tier.NameZh, tier.Rank, tier.PointsMultiplier, member.Since, member.ReviewOn);

    private static SetMemberTierResult Refused(string error) => new(false, false, null, error);
}
