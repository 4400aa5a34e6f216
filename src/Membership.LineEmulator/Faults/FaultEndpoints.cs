namespace Membership.LineEmulator.Faults;

internal static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        // {"failureRate": 0.3, "statusCodes": [429, 500], "rateLimits"?: {"push": 2000}, "retryAfterSeconds"?, "answerDelayMs"?, "seed"?}
        app.MapPut("/_emulator/faults", (FaultsRequest request, FaultInjector faults, RateLimiter limiter) =>
        {
            if (request.FailureRate is < 0 or > 1)
            {
                return Results.BadRequest(new { message = "failureRate must be between 0 and 1" });
            }

            var codes = request.StatusCodes ?? [429, 500];
            if (codes.Any(c => c is < 400 or > 599))
            {
                return Results.BadRequest(new { message = "statusCodes must be 4xx or 5xx" });
            }

            var settings = new FaultSettings(request.FailureRate ?? 0, codes, request.RetryAfterSeconds, request.AnswerDelayMs ?? 0, request.Seed);
            faults.Set(settings);
            limiter.SetOverrides(request.RateLimits);
            return Results.Ok(new { settings.FailureRate, settings.StatusCodes, request.RateLimits, settings.RetryAfterSeconds, settings.AnswerDelayMs });
        });

        app.MapGet("/_emulator/faults", (FaultInjector faults) => Results.Ok(faults.Current));

        app.MapDelete("/_emulator/faults", (FaultInjector faults, RateLimiter limiter) =>
        {
            faults.Reset();
            limiter.SetOverrides(null);
            return Results.NoContent();
        });
    }

    internal sealed record FaultsRequest(
        double? FailureRate,
        IReadOnlyList<int>? StatusCodes,
        Dictionary<string, int>? RateLimits,
        int? RetryAfterSeconds,
        int? AnswerDelayMs,
        int? Seed);
}
