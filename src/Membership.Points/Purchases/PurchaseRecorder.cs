using System.Text.Json;
using Membership.Contracts.Points;
using Membership.Contracts.Tiers;
using Membership.Points.Earning;
using Membership.Points.Ledger;
using Membership.Points.Persistence;
using Membership.Shared.Outbox;
using Membership.Shared.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Membership.Points.Purchases;

/// <summary>
/// Records a purchase: the purchase, its earn entry and lot, the account, the idempotency answer and
/// <see cref="PurchaseRecorded"/> in one transaction. The same key and request again returns the first answer.
/// </summary>
internal sealed class PurchaseRecorder(
    IDbContextFactory<PointsDbContext> dbFactory,
    EarnRulesStore earnRules,
    MemberResolver members,
    IServiceProvider services,
    TimeProvider clock)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    internal sealed record PurchaseAnswer(Guid PurchaseId, Guid MemberId, int PointsEarned, int Balance);

    public async Task<RecordPurchaseResult> RecordAsync(RecordPurchaseRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = PurchaseValidator.Validate(request, now);
        if (errors.Count > 0)
        {
            return new RecordPurchaseResult(PurchaseOutcome.Invalid, null, null, 0, 0, errors);
        }

        if (await members.ResolveAsync(request.Member, ct) is not { } memberId)
        {
            return new RecordPurchaseResult(PurchaseOutcome.MemberNotFound, null, null, 0, 0, NoErrors);
        }

        var lines = request.Lines.Select(l => new PurchaseLine(l.Sku?.Trim(), l.Category?.Trim(), l.Quantity, l.Amount)).ToList();
        var key = request.IdempotencyKey.Trim();
        var storeCode = request.StoreCode.Trim();
        var receipt = request.ReceiptNumber.Trim();
        var hash = IdempotentAnswers.HashOf(new
        {
            request.Member, storeCode, receipt, request.Total, OccurredAt = request.OccurredAt.UtcDateTime, request.Channel, lines, request.EarnPoints,
        });
        var rules = await earnRules.GetAsync(ct);
        var points = request.EarnPoints
            ? EarnCalculator.Compute(rules, request.Total, lines, TaipeiDate(request.OccurredAt), await TierMultiplierAsync(memberId, ct))
            : 0;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await LedgerSql.BeginAsync(db, ct);
        if (await LedgerSql.ClaimKeyAsync(db, IdempotentAnswers.PurchaseScope, key, hash, now, ct) is { } existing)
        {
            return existing.RequestHash == hash && existing.Response is { } json
                ? Answer(PurchaseOutcome.Replayed, IdempotentAnswers.Deserialize<PurchaseAnswer>(json))
                : Conflict("This Idempotency-Key was already used for another request.");
        }

        var (balance, lifetime) = await LedgerSql.LockAccountAsync(db, memberId, now, ct);
        var purchase = new Purchase
        {
            Id = Guid.CreateVersion7(),
            MemberId = memberId,
            StoreCode = storeCode,
            ReceiptNumber = receipt,
            Total = request.Total,
            OccurredAt = request.OccurredAt.ToUniversalTime(),
            Channel = request.Channel,
            PointsEarned = points,
            Imported = request.Channel == PurchaseChannels.Import,
            Lines = JsonSerializer.Serialize(lines, OutboxJson),
            RecordedBy = request.RecordedBy,
            CreatedAt = now,
        };
        db.Purchases.Add(purchase);
        var after = balance + points;
        if (points > 0)
        {
            LedgerWrites.AddCredit(
                db, memberId, LedgerEntryKind.Earn, points, after, now, LedgerWrites.ExpiryOf(request.OccurredAt, rules.ExpiryMonths),
                $"Purchase {receipt} at {storeCode}", request.RecordedBy, purchase.Id, request.Channel);
            LedgerWrites.SetAccount(db, memberId, after, lifetime + points, now);
        }

        var (type, payload) = OutboxMessages.Serialize(new PurchaseRecorded(
            purchase.Id, memberId, storeCode, receipt, request.Total, purchase.OccurredAt, request.Channel, lines, points, purchase.Imported));
        db.Outbox.Add(new OutboxMessage { Id = Guid.CreateVersion7(), Type = type, Payload = payload, OccurredAt = now });
        var answer = new PurchaseAnswer(purchase.Id, memberId, points, after);
        LedgerWrites.SetAnswer(db, IdempotentAnswers.PurchaseScope, key, answer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Conflict($"Receipt {receipt} is already recorded for store {storeCode}.");
        }

        await transaction.CommitAsync(ct);
        return Answer(PurchaseOutcome.Recorded, answer);
    }

    private static readonly JsonSerializerOptions OutboxJson = new(JsonSerializerDefaults.Web);

    /// <summary>The member's tier multiplier; 1 when no Tiers module is installed.</summary>
    private async Task<decimal> TierMultiplierAsync(Guid memberId, CancellationToken ct) =>
        services.GetService<ITiersModule>() is { } tiers ? (await tiers.GetMemberTierAsync(memberId, ct)).PointsMultiplier : 1m;

    private static DateOnly TaipeiDate(DateTimeOffset instant) => DateOnly.FromDateTime(TaipeiTime.ToTaipei(instant).DateTime);

    private static RecordPurchaseResult Answer(PurchaseOutcome outcome, PurchaseAnswer answer) =>
        new(outcome, answer.PurchaseId, answer.MemberId, answer.PointsEarned, answer.Balance, NoErrors);

    private static RecordPurchaseResult Conflict(string reason) => new(PurchaseOutcome.Conflict, null, null, 0, 0, NoErrors, reason);
}
