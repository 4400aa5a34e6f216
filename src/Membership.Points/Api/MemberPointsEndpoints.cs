using System.Security.Claims;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Contracts.Points;
using Membership.Points.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using static Membership.Points.Api.PurchaseApiEndpoints;

namespace Membership.Points.Api;

/// <summary>A member's points for the POS: balance and history, and redemption as a discount (點數折抵).</summary>
internal static class MemberPointsEndpoints
{
    public const int RecentEntries = 10;

    public static IEndpointRouteBuilder MapMemberPointsApi(this IEndpointRouteBuilder app)
    {
        var points = app.MapGroup($"{IntegrationApi.RoutePrefix}/members/{{memberCode}}/points")
            .RequireAuthorization(IntegrationApi.Policy)
            .WithTags("Points")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        points.MapGet("/", GetAsync)
            .WithName("GetMemberPoints")
            .WithSummary("The member's balance, points expiring within 30 days, the next expiry and the latest ledger entries");
        points.MapPost("/redemptions", RedeemAsync)
            .WithName("RedeemMemberPoints")
            .WithSummary("Spends points (oldest-expiring first); 422 when the balance is short, and nothing changes")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<MemberPointsResponse>, ProblemHttpResult>> GetAsync(
        string memberCode, IMemberIntegration members, IPointsModule points, CancellationToken ct)
    {
        if (await members.FindByCodeAsync(memberCode.Trim(), ct) is not { } member)
        {
            return MemberNotFound(memberCode);
        }

        var balance = await points.GetBalanceAsync(member.Id, ct);
        var recent = await points.GetLedgerAsync(member.Id, new PageRequest(1, RecentEntries), ct);
        return TypedResults.Ok(new MemberPointsResponse(
            member.MemberCode, balance.Balance, balance.ExpiringWithin30Days, balance.NextExpiry, balance.LifetimeEarned,
            recent.Items.Select(e => new PointsEntryResponse(e.Kind.ToString().ToLowerInvariant(), e.Points, e.BalanceAfter, e.OccurredAt, e.ExpiresAt, e.Reason))
                .ToList()));
    }

    private static async Task<Results<Created<RedemptionResponse>, ValidationProblem, ProblemHttpResult>> RedeemAsync(
        string memberCode, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, RedemptionBody body,
        IMemberIntegration members, PointsRedemptions redemptions, ClaimsPrincipal user, CancellationToken ct)
    {
        if (MissingKey(idempotencyKey) is { } missing)
        {
            return missing;
        }

        if (await members.FindByCodeAsync(memberCode.Trim(), ct) is not { } member)
        {
            return MemberNotFound(memberCode);
        }

        var request = new RedeemPointsRequest(member.Id, body.Points ?? 0, body.Reason ?? "", idempotencyKey!, "pos", user.Identity?.Name);
        if (PointsRedemptions.Validate(request) is { } error)
        {
            var field = body.Points is null or <= 0 or > PointsRedemptions.MaxPoints ? "points" : "reason";
            return Invalid(new Dictionary<string, string[]> { [field] = [error] });
        }

        var result = await redemptions.RedeemAsync(request, ct);
        return result.Outcome switch
        {
            RedeemOutcome.Redeemed or RedeemOutcome.Replayed => TypedResults.Created(
                $"{IntegrationApi.RoutePrefix}/members/{member.MemberCode}/points", new RedemptionResponse(result.EntryId!.Value, body.Points!.Value, result.Balance)),
            RedeemOutcome.InsufficientBalance => Problem(StatusCodes.Status422UnprocessableEntity, "Not enough points", result.Reason!),
            RedeemOutcome.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", result.Reason!),
            _ => Invalid(new Dictionary<string, string[]> { ["points"] = [result.Reason ?? "Invalid redemption."] }),
        };
    }

    private static ProblemHttpResult MemberNotFound(string memberCode) =>
        Problem(StatusCodes.Status404NotFound, "Member not found", $"No member has the code {(memberCode.Length > 20 ? memberCode[..20] + "…" : memberCode)}.");
}

internal sealed record RedemptionBody(int? Points, string? Reason);

internal sealed record RedemptionResponse(Guid EntryId, int PointsRedeemed, int Balance);

/// <param name="Kind"><c>earn</c>, <c>redeem</c>, <c>expire</c>, <c>adjust</c>, <c>reverse</c> or <c>grant</c>.</param>
internal sealed record PointsEntryResponse(string Kind, int Points, int BalanceAfter, DateTimeOffset OccurredAt, DateTimeOffset? ExpiresAt, string Reason);

internal sealed record MemberPointsResponse(
    string MemberCode, int Balance, int ExpiringWithin30Days, DateOnly? NextExpiry, int LifetimeEarned, IReadOnlyList<PointsEntryResponse> Recent);
