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
/// <see cref="PurchaseRecorded"/> in one statement (<see cref="PurchaseWrite"/>). The same key and request again returns the first answer.
/// </summary>
internal sealed class PurchaseRecorder(
    IDbContextFactory<PointsDbContext> dbFactory,
    NpgsqlDataSource dataSource,
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

        var purchaseId = Guid.CreateVersion7();
        var occurredAt = request.OccurredAt.ToUniversalTime();
        var imported = request.Channel == PurchaseChannels.Import;
        var (type, payload) = OutboxMessages.Serialize(new PurchaseRecorded(
            purchaseId, memberId, storeCode, receipt, request.Total, occurredAt, request.Channel, lines, points, imported));
        var row = new PurchaseWrite.Row(
            purchaseId, memberId, key, hash, storeCode, receipt, request.Total, occurredAt, request.Channel, points, imported,
            JsonSerializer.Serialize(lines, OutboxJson), LedgerWrites.Shorten(request.RecordedBy, 256),
            LedgerWrites.ExpiryOf(request.OccurredAt, rules.ExpiryMonths), LedgerWrites.Shorten($"Purchase {receipt} at {storeCode}", 500),
            type, payload, now);
        try
        {
            var balance = await PurchaseWrite.ExecuteAsync(dataSource, row, ct);
            return Answer(PurchaseOutcome.Recorded, new PurchaseAnswer(purchaseId, memberId, points, balance));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The key (a retry, or another request under a used key) or the receipt (recorded under another key).
            return await EarlierAnswerAsync(key, hash, ct) ?? Conflict($"Receipt {receipt} is already recorded for store {storeCode}.");
        }
    }

    private async Task<RecordPurchaseResult?> EarlierAnswerAsync(string key, string hash, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Scope == IdempotentAnswers.PurchaseScope && r.Key == key, ct);
        return existing switch
        {
            null => null,
            { Response: { } json } when existing.RequestHash == hash => Answer(PurchaseOutcome.Replayed, IdempotentAnswers.Deserialize<PurchaseAnswer>(json)),
            _ => Conflict("This Idempotency-Key was already used for another request."),
        };
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
