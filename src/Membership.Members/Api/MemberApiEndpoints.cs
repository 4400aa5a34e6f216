using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Members.Profiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Membership.Members.Api;

/// <summary>Members for POS and ERP systems, under <c>/api/v1/members</c>; every call needs an API key.</summary>
internal static class MemberApiEndpoints
{
    public static IEndpointRouteBuilder MapMemberApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup($"{IntegrationApi.RoutePrefix}/members")
            .RequireAuthorization(IntegrationApi.Policy)
            .WithTags("Members")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        members.MapGet("/{memberCode}", GetByCodeAsync)
            .WithName("GetMemberByCode")
            .WithSummary("A member by the code on their member card")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        members.MapGet("/", FindAsync)
            .WithName("FindMember")
            .WithSummary("A member by mobile number or LINE user id (exactly one of them)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        members.MapPost("/", RegisterAsync)
            .WithName("RegisterOfflineMember")
            .WithSummary("Registers an offline member; idempotent by mobile (an existing member is returned unchanged with 200)")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> GetByCodeAsync(
        string memberCode, IMemberIntegration members, CancellationToken ct)
    {
        var code = memberCode.Trim();
        if (!MemberCodes.IsValid(code))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid member code",
                detail: $"A member code has {MemberCodes.Length} digits and ends with a check digit; '{Shorten(code)}' is not one (mistyped or misread?).");
        }

        return await members.FindByCodeAsync(code, ct) is { } member
            ? TypedResults.Ok(MemberResponse.From(member))
            : NotFound($"No member has the code {code}.");
    }

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult, ValidationProblem>> FindAsync(
        string? mobile, string? lineUserId, IMemberIntegration members, CancellationToken ct)
    {
        var byMobile = !string.IsNullOrWhiteSpace(mobile);
        var byLine = !string.IsNullOrWhiteSpace(lineUserId);
        if (byMobile == byLine)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "One search parameter is needed",
                detail: "Give exactly one of the query parameters 'mobile' or 'lineUserId'.");
        }

        if (byMobile && TaiwanMobile.Normalize(mobile) is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["mobile"] = ["The mobile number must be a Taiwan mobile number, e.g. 0912-345-678 or +886 912 345 678."] },
                title: "Invalid mobile number");
        }

        var member = byMobile
            ? await members.FindByMobileAsync(mobile!, ct)
            : await members.FindByLineUserIdAsync(lineUserId!.Trim(), ct);
        return member is not null
            ? TypedResults.Ok(MemberResponse.From(member))
            : NotFound(byMobile ? "No member has this mobile number." : "No member has this LINE user id.");
    }

    private static async Task<Results<Created<MemberResponse>, Ok<MemberResponse>, ValidationProblem>> RegisterAsync(
        RegisterMemberBody body, IMemberIntegration members, CancellationToken ct)
    {
        var result = await members.RegisterOfflineAsync(
            new OfflineRegistrationRequest(body.Mobile, body.Name, body.Email, body.Birthday, body.Gender, body.Region, body.StoreCode,
                body.Consent?.TermsVersion),
            ct);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(
                result.Errors, title: "Invalid member data", detail: "Some fields are missing or not valid; see 'errors'.");
        }

        var member = MemberResponse.From(result.Member!);
        return result.Created
            ? TypedResults.Created($"{IntegrationApi.RoutePrefix}/members/{member.MemberCode}", member)
            : TypedResults.Ok(member);
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Member not found", detail: detail);

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
