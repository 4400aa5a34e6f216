using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Membership.Contracts.Members;
using Membership.Shared.Time;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Membership.Web.Privacy;

/// <summary>The download of one member's data (PDPA access request): a form post from the member page, Owners only.</summary>
internal static class MemberPrivacyEndpoints
{
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people: Chinese as characters
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IEndpointRouteBuilder MapMemberPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/members/{memberId:guid}/export", ExportAsync)
            .RequireAuthorization(StaffIdentityExtensions.OwnerPolicy)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ExportAsync(
        Guid memberId, [FromForm] string? reason, IMemberPrivacy privacy, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Reason required",
                detail: "Exporting a member's data needs a reason for the audit log.");
        }

        if (await privacy.ExportAsync(memberId, reason, ct) is not { } export)
        {
            return TypedResults.NotFound();
        }

        var file = JsonSerializer.SerializeToUtf8Bytes(export, ExportJson);
        var day = TaipeiTime.Today(clock).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(file, "application/json", $"member-{export.Profile.MemberCode}-{day}.json");
    }
}
