using Membership.Automation.Journeys;
using Membership.Contracts.Automation;
using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Npgsql;

namespace Membership.Automation.Triggers;

/// <summary>
/// A purchase ends runs whose exit rule is "on purchase" (win-back), and a member's first purchase enters the
/// first-purchase journeys. Imported history does neither: it is the past.
/// </summary>
internal sealed class JourneysOnPurchaseRecorded(JourneyTriggers triggers, JourneyEntry entry, NpgsqlDataSource dataSource)
    : IIntegrationEventHandler<PurchaseRecorded>
{
    private const string EarlierSql = """
        SELECT EXISTS (SELECT 1 FROM points_v_purchases WHERE member_id = @member AND purchase_id <> @purchase AND occurred_at <= @at)
        """;

    public async Task HandleAsync(PurchaseRecorded purchase, Guid messageId, CancellationToken ct)
    {
        if (purchase.Imported)
        {
            return;
        }

        await entry.ExitAsync(purchase.MemberId, "onPurchase", "purchased", null, ct);
        await using var command = dataSource.CreateCommand(EarlierSql);
        command.Parameters.AddWithValue("member", purchase.MemberId);
        command.Parameters.AddWithValue("purchase", purchase.PurchaseId);
        command.Parameters.AddWithValue("at", purchase.OccurredAt);
        if (!(bool)(await command.ExecuteScalarAsync(ct))!)
        {
            await triggers.EnterAsync(JourneyTriggerKind.FirstPurchase, purchase.MemberId, "first-purchase", null, ct);
        }
    }
}
