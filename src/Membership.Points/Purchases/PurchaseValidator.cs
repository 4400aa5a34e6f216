using Membership.Contracts.Points;
using Membership.Points.Ledger;

namespace Membership.Points.Purchases;

/// <summary>Field errors of a purchase, keyed as the API names the fields (camelCase).</summary>
internal static class PurchaseValidator
{
    public const decimal MaxTotal = 100_000_000m;
    public const int MaxLines = 1000;

    private static readonly HashSet<string> Channels = [PurchaseChannels.Pos, PurchaseChannels.Counter, PurchaseChannels.Online, PurchaseChannels.Import];

    public static Dictionary<string, string[]> Validate(RecordPurchaseRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (!IdempotentAnswers.IsValidKey(request.IdempotencyKey))
        {
            Add("idempotencyKey", $"An idempotency key of 1 to {IdempotentAnswers.MaxKeyLength} characters is required.");
        }

        var member = request.Member;
        var given = new[] { member.MemberCode, member.Mobile, member.LineUserId }.Count(v => !string.IsNullOrWhiteSpace(v)) + (member.MemberId is null ? 0 : 1);
        if (given != 1)
        {
            Add("memberCode", "Give exactly one of memberCode, mobile or lineUserId.");
        }

        CheckText(errors, "storeCode", request.StoreCode, 50);
        CheckText(errors, "receiptNumber", request.ReceiptNumber, 100);
        if (request.Total is < 0 or > MaxTotal || decimal.Round(request.Total, 2) != request.Total)
        {
            Add("total", $"The total is an amount in NT$ from 0 to {MaxTotal:N0} with at most 2 decimals.");
        }

        if (request.OccurredAt.Year < 2000 || request.OccurredAt > now.AddDays(1))
        {
            Add("occurredAt", "occurredAt must be an ISO 8601 time with an offset (e.g. 2026-11-25T14:30:00+08:00), not in the future.");
        }

        if (!Channels.Contains(request.Channel))
        {
            Add("channel", $"The channel is one of {string.Join(", ", Channels)}.");
        }

        if (request.Lines.Count > MaxLines)
        {
            Add("lines", $"At most {MaxLines} lines.");
            return errors;
        }

        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (line.Quantity is <= 0 or > 1_000_000)
            {
                Add($"lines[{i}].quantity", "The quantity must be more than 0.");
            }

            if (line.Amount is < 0 or > MaxTotal)
            {
                Add($"lines[{i}].amount", "The amount must be 0 or more (NT$).");
            }

            if (line.Sku?.Length > 100)
            {
                Add($"lines[{i}].sku", "A SKU has at most 100 characters.");
            }

            if (line.Category?.Length > 100)
            {
                Add($"lines[{i}].category", "A category has at most 100 characters.");
            }
        }

        return errors;
    }

    private static void CheckText(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > max)
        {
            errors[field] = [$"{field} is required, at most {max} characters."];
        }
    }
}
