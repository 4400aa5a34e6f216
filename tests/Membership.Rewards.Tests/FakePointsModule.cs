using System.Collections.Concurrent;
using Membership.Contracts.Common;
using Membership.Contracts.Points;

namespace Membership.Rewards.Tests;

/// <summary>Balances and idempotent redeem/reverse, the way the Points module promises them, in memory.</summary>
internal sealed class FakePointsModule : IPointsModule
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, int> _balances = [];
    private readonly Dictionary<string, (Guid Member, int Points, bool Reversed)> _redemptions = [];

    /// <summary>Refuse this many upcoming redeems as short (another spend got there between the check and the debit).</summary>
    public int RefuseNext { get; set; }

    /// <summary>The next redeem fails as an unreachable module would.</summary>
    public bool ThrowNext { get; set; }

    public ConcurrentBag<string> ReversedKeys { get; } = [];

    public void Set(Guid memberId, int balance)
    {
        lock (_lock)
        {
            _balances[memberId] = balance;
        }
    }

    public int BalanceOf(Guid memberId)
    {
        lock (_lock)
        {
            return _balances.GetValueOrDefault(memberId);
        }
    }

    public Task<PointsBalance> GetBalanceAsync(Guid memberId, CancellationToken ct = default) =>
        Task.FromResult(new PointsBalance(memberId, BalanceOf(memberId), 0, null, 0));

    public Task<RedeemPointsResult> RedeemAsync(RedeemPointsRequest request, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (ThrowNext)
            {
                ThrowNext = false;
                throw new TimeoutException("Points did not answer.");
            }

            var balance = _balances.GetValueOrDefault(request.MemberId);
            if (_redemptions.ContainsKey(request.IdempotencyKey))
            {
                return Task.FromResult(new RedeemPointsResult(RedeemOutcome.Replayed, null, balance));
            }

            if (RefuseNext > 0 || balance < request.Points)
            {
                RefuseNext = Math.Max(0, RefuseNext - 1);
                return Task.FromResult(new RedeemPointsResult(RedeemOutcome.InsufficientBalance, null, balance, "short"));
            }

            _balances[request.MemberId] = balance - request.Points;
            _redemptions[request.IdempotencyKey] = (request.MemberId, request.Points, false);
            return Task.FromResult(new RedeemPointsResult(RedeemOutcome.Redeemed, Guid.CreateVersion7(), balance - request.Points));
        }
    }

    public Task<PointsBalance?> ReverseRedemptionAsync(ReverseRedemptionRequest request, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (!_redemptions.TryGetValue(request.RedemptionIdempotencyKey, out var redemption))
            {
                return Task.FromResult<PointsBalance?>(null); // as the real module
            }

            if (!redemption.Reversed)
            {
                _balances[redemption.Member] += redemption.Points;
                _redemptions[request.RedemptionIdempotencyKey] = redemption with { Reversed = true };
                ReversedKeys.Add(request.RedemptionIdempotencyKey);
            }

            return Task.FromResult<PointsBalance?>(new PointsBalance(request.MemberId, _balances.GetValueOrDefault(request.MemberId), 0, null, 0));
        }
    }

    public Task<RecordPurchaseResult> RecordPurchaseAsync(RecordPurchaseRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<RefundPurchaseResult> RefundPurchaseAsync(RefundPurchaseRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PagedResult<PurchaseSummary>> GetPurchasesAsync(Guid memberId, PageRequest page, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PagedResult<PointsLedgerEntry>> GetLedgerAsync(Guid memberId, PageRequest page, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PointsBalance> GrantAsync(GrantPointsRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<AdjustPointsResult> AdjustAsync(AdjustPointsRequest request, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<EarnRules> GetEarnRulesAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<EarnRules> SaveEarnRulesAsync(EarnRules rules, string changedBy, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<PointsLiability> GetLiabilityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) => throw new NotSupportedException();
}
