using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Membership.Broadcast.Results;

/// <summary>
/// <c>GET /r/{token}</c>: records the click (one row per recipient and link; repeats only count up) and redirects to
/// the link. Unknown or altered tokens get a harmless page and record nothing.
/// </summary>
internal static class ClickEndpoints
{
    public const string Route = "/r/{token}";

    private const string Record = """
        WITH target AS (
            SELECT c.links[@index + 1] AS url FROM broadcast_campaigns c
            WHERE c.id = @campaign AND EXISTS (SELECT 1 FROM broadcast_recipients r WHERE r.campaign_id = @campaign AND r.member_id = @member)
        ), clicked AS (
            INSERT INTO broadcast_clicks (campaign_id, member_id, link_index, first_clicked_at, last_clicked_at, clicks)
            SELECT @campaign, @member, @index, @now, @now, 1 FROM target WHERE url IS NOT NULL
            ON CONFLICT (campaign_id, member_id, link_index) DO UPDATE
                SET clicks = broadcast_clicks.clicks + 1, last_clicked_at = excluded.last_clicked_at
        )
        SELECT url FROM target
        """;

    public static IEndpointRouteBuilder MapTrackedLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, FollowAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> FollowAsync(string token, LinkTokens tokens, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        if (await tokens.ReadAsync(token, ct) is not { } link)
        {
            return Harmless();
        }

        await using var command = dataSource.CreateCommand(Record);
        command.Parameters.AddWithValue("campaign", link.CampaignId);
        command.Parameters.AddWithValue("member", link.MemberId);
        command.Parameters.AddWithValue("index", (short)link.LinkIndex);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        return await command.ExecuteScalarAsync(ct) is string url ? TypedResults.Redirect(url) : Harmless();
    }

    private static IResult Harmless() => TypedResults.Content("""
        <!doctype html><html lang="zh-TW"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>連結無效</title></head><body style="font-family:sans-serif;text-align:center;padding:3em 1em">
        <h1>此連結無效或已失效</h1><p>This link is not valid or no longer works.</p></body></html>
        """, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
