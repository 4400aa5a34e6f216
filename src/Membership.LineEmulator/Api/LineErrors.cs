using System.Text.Json.Nodes;

namespace Membership.LineEmulator.Api;

internal sealed record ErrorDetail(string Message, string Property);

/// <summary>LINE's error format: <c>{"message": "...", "details": [{"message","property"}]}</c> (details omitted when empty).</summary>
internal static class LineErrors
{
    public const string InvalidReplyToken = "Invalid reply token";
    public const string RateLimited = "The API rate limit has been exceeded. Try again later.";
    public const string RetryKeyAccepted = "The retry key is already accepted";

    public static IResult Error(int status, string message, IReadOnlyCollection<ErrorDetail>? details = null)
    {
        var body = new JsonObject { ["message"] = message };
        if (details is { Count: > 0 })
        {
            body["details"] = new JsonArray(details
                .Select(d => (JsonNode)new JsonObject { ["message"] = d.Message, ["property"] = d.Property })
                .ToArray());
        }

        return Results.Json(body, statusCode: status);
    }

    public static IResult BadRequest(IReadOnlyCollection<ErrorDetail> details) =>
        Error(StatusCodes.Status400BadRequest, $"The request body has {details.Count} error(s)", details);

    public static Task WriteAsync(HttpContext context, int status, string message) =>
        Error(status, message).ExecuteAsync(context);
}
