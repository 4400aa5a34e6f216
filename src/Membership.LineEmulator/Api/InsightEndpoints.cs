using System.Globalization;
using Membership.LineEmulator.State;

namespace Membership.LineEmulator.Api;

/// <summary>Unit-based statistics (insight aggregation) and the list of units used this month, from what was delivered.</summary>
internal static class InsightEndpoints
{
    private const int MaxDays = 30;

    public static void MapInsightApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/bot/insight/message/event/aggregation", (string? customAggregationUnit, string? from, string? to, AggregationStore store) =>
        {
            var errors = new List<ErrorDetail>();
            if (string.IsNullOrEmpty(customAggregationUnit))
            {
                errors.Add(new ErrorDetail("must be specified", "customAggregationUnit"));
            }

            var start = Day(from, "from", errors);
            var end = Day(to, "to", errors);
            if (errors.Count == 0 && (end < start || end.DayNumber - start.DayNumber >= MaxDays))
            {
                errors.Add(new ErrorDetail($"the period must be 1 to {MaxDays} days, from before to", "to"));
            }

            if (errors.Count > 0)
            {
                return LineErrors.BadRequest(errors);
            }

            var (impressions, clicks) = store.Statistics(customAggregationUnit!, start, end) ?? (0, 0);
            return Results.Ok(new
            {
                overview = new { uniqueImpression = Private(impressions), uniqueClick = Private(clicks), uniqueMediaPlayed = (long?)null, uniqueMediaPlayed100Percent = (long?)null },
                messages = Array.Empty<object>(),
                clicks = Array.Empty<object>(),
            });
        });

        app.MapGet("/v2/bot/message/aggregation/info", (AggregationStore store) =>
            Results.Ok(new { numOfCustomAggregationUnits = store.UsedThisMonth().Count }));

        app.MapGet("/v2/bot/message/aggregation/list", (int? limit, string? start, AggregationStore store) =>
        {
            var size = limit ?? 100;
            if (size is < 1 or > 100)
            {
                return LineErrors.BadRequest([new ErrorDetail("must be between 1 and 100", "limit")]);
            }

            var units = store.UsedThisMonth();
            var offset = int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            var page = units.Skip(offset).Take(size).ToList();
            var next = offset + page.Count < units.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return Results.Ok(next is null ? new { customAggregationUnits = page } : (object)new { customAggregationUnits = page, next });
        });
    }

    // LINE returns figures below 20 as null, for privacy.
    private static long? Private(long value) => value < AggregationStore.PrivacyThreshold ? null : value;

    private static DateOnly Day(string? text, string name, List<ErrorDetail> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(new ErrorDetail("must be a date as yyyyMMdd (UTC+9)", name));
        return default;
    }
}
