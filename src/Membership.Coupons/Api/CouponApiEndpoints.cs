using System.Security.Claims;
using Membership.Contracts.Common;
using Membership.Contracts.Coupons;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Coupons.Api;

/// <summary>Coupons at the POS: check a code, and use it once (the counter's redemption, without the console).</summary>
internal static class CouponApiEndpoints
{
    public static IEndpointRouteBuilder MapCouponApi(this IEndpointRouteBuilder app)
    {
        var coupons = app.MapGroup($"{IntegrationApi.RoutePrefix}/coupons/{{code}}")
            .RequireAuthorization(IntegrationApi.Policy)
            .WithTags("Coupons")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        coupons.MapGet("/", CheckAsync).WithName("CheckCoupon").WithSummary("What the code is and whether it can be used now; nothing changes");
        coupons.MapPost("/redemptions", RedeemAsync).WithName("RedeemCoupon")
            .WithSummary("Uses the coupon once: 200; 409 when not yet valid, expired or used up (with the reason); concurrent uses: exactly the allowed number succeed")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<CouponResponse>, ProblemHttpResult>> CheckAsync(string code, ICouponsModule coupons, CancellationToken ct) =>
        Answer(await coupons.CheckAsync(code.Trim(), ct));

    private static async Task<Results<Ok<CouponResponse>, ProblemHttpResult>> RedeemAsync(
        string code, CouponRedemptionBody? body, ICouponsModule coupons, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await coupons.RedeemAsync(new RedeemCouponRequest(code.Trim(), "api:" + (user.Identity?.Name ?? "key"), body?.StoreCode), ct));

    private static Results<Ok<CouponResponse>, ProblemHttpResult> Answer(CouponCheck check) => check switch
    {
        { Outcome: CouponCheckOutcome.UnknownCode } =>
            TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown coupon code"),
        { Succeeded: true, Coupon: { } c } =>
            TypedResults.Ok(new CouponResponse(c.Code, c.Name, c.Kind.ToString(), c.Value, c.FreeItem, c.ValidUntil, c.UsesLeft, Outcome(check.Outcome))),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Coupon cannot be used", detail: Outcome(check.Outcome)),
    };

    private static string Outcome(CouponCheckOutcome outcome) => outcome switch
    {
        CouponCheckOutcome.NotYetValid => "not-yet-valid",
        CouponCheckOutcome.AlreadyUsed => "already-used",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}

internal sealed record CouponRedemptionBody(string? StoreCode);

/// <param name="Outcome"><c>usable</c> (check), <c>redeemed</c>, or why not: <c>not-yet-valid</c>, <c>expired</c>, <c>already-used</c>.</param>
internal sealed record CouponResponse(
    string Code, string Name, string Kind, decimal Value, string? FreeItem, DateTimeOffset ValidUntil, int UsesLeft, string Outcome);
