using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Points.Earning;
using Membership.Points.Ledger;
using Membership.Points.Purchases;

namespace Membership.Points;

internal sealed class PointsModule(
    PurchaseRecorder recorder,
    PurchaseRefunder refunder,
    PointsRedemptions redemptions,
    PointsCredits credits,
    PointsQueries queries,
    EarnRulesStore earnRules,
    IMembersModule members) : IPointsModule
{
    public Task<RecordPurchaseResult> RecordPurchaseAsync(RecordPurchaseRequest request, CancellationToken ct = default) =>
        recorder.RecordAsync(request, ct);

    public Task<RefundPurchaseResult> RefundPurchaseAsync(RefundPurchaseRequest request, CancellationToken ct = default) =>
        refunder.RefundAsync(request, ct);

    public Task<PagedResult<PurchaseSummary>> GetPurchasesAsync(Guid memberId, PageRequest page, CancellationToken ct = default) =>
        queries.GetPurchasesAsync(memberId, page, ct);

    public Task<PointsBalance> GetBalanceAsync(Guid memberId, CancellationToken ct = default) => queries.GetBalanceAsync(memberId, ct);

    public Task<PagedResult<PointsLedgerEntry>> GetLedgerAsync(Guid memberId, PageRequest page, CancellationToken ct = default) =>
        queries.GetLedgerAsync(memberId, page, ct);

    public async Task<RedeemPointsResult> RedeemAsync(RedeemPointsRequest request, CancellationToken ct = default) =>
        await members.GetAsync(request.MemberId, ct) is null
            ? new RedeemPointsResult(RedeemOutcome.MemberNotFound, null, 0, "No member has this id.")
            : await redemptions.RedeemAsync(request, ct);

    public Task<PointsBalance?> ReverseRedemptionAsync(ReverseRedemptionRequest request, CancellationToken ct = default) =>
        redemptions.ReverseAsync(request, () => queries.GetBalanceAsync(request.MemberId, ct), ct);

    public async Task<PointsBalance> GrantAsync(GrantPointsRequest request, CancellationToken ct = default)
    {
        if (await members.GetAsync(request.MemberId, ct) is null)
        {
            throw new ArgumentException("No member has this id.", nameof(request));
        }

        _ = await credits.GrantAsync(request, ct) ?? throw new ArgumentException("Points to grant must be 1 or more, with an idempotency key.", nameof(request));
        return await queries.GetBalanceAsync(request.MemberId, ct);
    }

    public async Task<AdjustPointsResult> AdjustAsync(AdjustPointsRequest request, CancellationToken ct = default) =>
        await members.GetAsync(request.MemberId, ct) is null
            ? new AdjustPointsResult(false, 0, "No member has this id.")
            : await credits.AdjustAsync(request, ct);

    public Task<EarnRules> GetEarnRulesAsync(CancellationToken ct = default) => earnRules.GetAsync(ct);

    public Task<EarnRules> SaveEarnRulesAsync(EarnRules rules, string changedBy, CancellationToken ct = default) =>
        earnRules.SaveAsync(rules, changedBy, ct);

    public Task<PointsLiability> GetLiabilityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        queries.GetLiabilityAsync(from, to, ct);
}
