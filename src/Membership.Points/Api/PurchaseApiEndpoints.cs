using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Membership.Contracts.Common;
using Membership.Contracts.Points;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Membership.Points.Api;

/// <summary>Purchases from POS and ERP systems, under <c>/api/v1/purchases</c>; every write needs an <c>Idempotency-Key</c>.</summary>
internal static partial class PurchaseApiEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapPurchaseApi(this IEndpointRouteBuilder app)
    {
        var purchases = app.MapGroup($"{IntegrationApi.RoutePrefix}/purchases")
            .RequireAuthorization(IntegrationApi.Policy)
            .WithTags("Purchases")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        purchases.MapPost("/", RecordAsync)
            .WithName("RecordPurchase")
            .WithSummary("Records a purchase and earns its points; the same Idempotency-Key and body returns the first answer")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        purchases.MapPost("/{id:guid}/refund", RefundAsync)
            .WithName("RefundPurchase")
            .WithSummary("Refunds a purchase in full (no amount) or in part, and reverses the points it earned")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<PurchaseResponse>, Ok<PurchaseResponse>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, PurchaseBody body, IPointsModule points, ClaimsPrincipal user, CancellationToken ct)
    {
        if (MissingKey(idempotencyKey) is { } missing)
        {
            return missing;
        }

        var errors = new Dictionary<string, string[]>();
        var occurredAt = ParseInstant(body.OccurredAt, errors);
        if (body.Total is null)
        {
            errors["total"] = ["The total (NT$) is required."];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await points.RecordPurchaseAsync(
            new RecordPurchaseRequest(
                idempotencyKey!, new MemberReference(body.MemberCode, body.Mobile, body.LineUserId), body.StoreCode ?? "", body.ReceiptNumber ?? "",
                body.Total!.Value, occurredAt!.Value, PurchaseChannels.Pos,
                (body.Lines ?? []).Select(l => new PurchaseLine(l.Sku, l.Category, l.Quantity ?? 1, l.Amount ?? 0)).ToList(),
                RecordedBy: user.Identity?.Name),
            ct);
        var response = new PurchaseResponse(result.PurchaseId ?? Guid.Empty, result.PointsEarned, result.Balance);
        return result.Outcome switch
        {
            PurchaseOutcome.Recorded => TypedResults.Created($"{IntegrationApi.RoutePrefix}/purchases/{response.PurchaseId}", response),
            PurchaseOutcome.Replayed => TypedResults.Created($"{IntegrationApi.RoutePrefix}/purchases/{response.PurchaseId}", response),
            PurchaseOutcome.Invalid => Invalid(result.Errors),
            PurchaseOutcome.MemberNotFound => Problem(StatusCodes.Status404NotFound, "Member not found", "No member has this memberCode, mobile or lineUserId."),
            _ => Problem(StatusCodes.Status409Conflict, "Conflict", result.ConflictReason ?? "The request conflicts with an earlier one."),
        };
    }

    private static async Task<Results<Created<RefundResponse>, ValidationProblem, ProblemHttpResult>> RefundAsync(
        Guid id, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, RefundBody? body, IPointsModule points, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (MissingKey(idempotencyKey) is { } missing)
        {
            return missing;
        }

        var result = await points.RefundPurchaseAsync(new RefundPurchaseRequest(idempotencyKey!, id, body?.Amount, body?.Reason, user.Identity?.Name), ct);
        var response = new RefundResponse(result.RefundId ?? Guid.Empty, result.RefundedAmount, result.PointsReversed, result.Balance);
        return result.Outcome switch
        {
            RefundOutcome.Refunded or RefundOutcome.Replayed => TypedResults.Created($"{IntegrationApi.RoutePrefix}/purchases/{id}", response),
            RefundOutcome.PurchaseNotFound => Problem(StatusCodes.Status404NotFound, "Purchase not found", result.Reason ?? "No purchase has this id."),
            RefundOutcome.Invalid => Invalid(new Dictionary<string, string[]> { ["amount"] = [result.Reason ?? "Invalid refund."] }),
            _ => Problem(StatusCodes.Status409Conflict, "Conflict", result.Reason ?? "The request conflicts with an earlier one."),
        };
    }

    internal static ProblemHttpResult? MissingKey(string? idempotencyKey) =>
        string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 200
            ? Problem(
                StatusCodes.Status400BadRequest, "Idempotency-Key required",
                $"Send a unique {IdempotencyHeader} header (1 to 200 characters, e.g. a UUID) with every write; a retry sends the same key.")
            : null;

    internal static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    internal static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Invalid request", detail: "Some fields are missing or not valid; see 'errors'.");

    /// <summary>ISO 8601 with an explicit offset (<c>Z</c> or <c>+08:00</c>): a time without one is ambiguous.</summary>
    private static DateTimeOffset? ParseInstant(string? text, Dictionary<string, string[]> errors)
    {
        if (text is not null && OffsetSuffix().IsMatch(text.Trim())
            && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        errors["occurredAt"] = ["occurredAt must be an ISO 8601 time with an offset, e.g. 2026-11-25T14:30:00+08:00."];
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetSuffix();
}

/// <summary>A purchase as a POS sends it: exactly one of memberCode, mobile or lineUserId.</summary>
internal sealed record PurchaseBody(
    string? MemberCode, string? Mobile, string? LineUserId, string? StoreCode, string? ReceiptNumber, decimal? Total, string? OccurredAt,
    IReadOnlyList<PurchaseLineBody>? Lines);

internal sealed record PurchaseLineBody(string? Sku, string? Category, decimal? Quantity, decimal? Amount);

internal sealed record PurchaseResponse(Guid PurchaseId, int PointsEarned, int Balance);

/// <param name="Amount">NT$; leave out to refund what is left of the purchase.</param>
internal sealed record RefundBody(decimal? Amount, string? Reason);

internal sealed record RefundResponse(Guid RefundId, decimal RefundedAmount, int PointsReversed, int Balance);
