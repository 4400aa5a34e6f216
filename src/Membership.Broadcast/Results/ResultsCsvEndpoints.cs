using System.Globalization;
using System.Text;
using Membership.Contracts.Audit;
using Membership.Contracts.Broadcast;
using Membership.Contracts.Common;
using Membership.Shared.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Membership.Shared.Csv.CsvField;

namespace Membership.Broadcast.Results;

/// <summary>The recipients of a campaign with their outcome as CSV (UTF-8 with a BOM), for Owners and Marketers; audited.</summary>
internal static class ResultsCsvEndpoints
{
    public const string Route = "/campaigns/{campaignId:guid}/results.csv";

    private static readonly string[] Header = ["會員編號", "狀態", "原因", "發送時間", "點擊", "已兌換優惠券", "消費次數", "消費金額"];

    public static IEndpointRouteBuilder MapResultsCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, ExportAsync).RequireAuthorization(policy => policy.RequireRole(StaffRoles.Owner, StaffRoles.Marketer));
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid campaignId, HttpContext http, IBroadcastModule broadcast, IAuditTrail audit, CancellationToken ct)
    {
        if (await broadcast.GetCampaignAsync(campaignId, ct) is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"campaign-{campaignId:N}-results.csv\"";
        var rows = 0;
        await using (var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true))
        {
            await writer.WriteLineAsync(string.Join(',', Header));
            await foreach (var o in broadcast.StreamOutcomesAsync(campaignId, ct))
            {
                await writer.WriteLineAsync(string.Join(',',
                    Escape(o.MemberCode), o.Status.ToString().ToLowerInvariant(), Escape(o.Reason),
                    o.SentAt is { } at ? TaipeiTime.Format(at) : "", o.Clicks.ToString(CultureInfo.InvariantCulture), o.Redeemed ? "Y" : "N",
                    o.Purchases.ToString(CultureInfo.InvariantCulture), o.Revenue.ToString("0.##", CultureInfo.InvariantCulture)));
                if (++rows % 1000 == 0)
                {
                    await writer.FlushAsync(ct);
                }
            }
        }

        await audit.RecordAsync(new AuditRecord("campaign.results-exported", "campaign", campaignId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{rows} rows")), ct);
        return TypedResults.Empty;
    }
}
