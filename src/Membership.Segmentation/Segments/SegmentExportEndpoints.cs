using System.Globalization;
using System.Text;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Segmentation;
using Membership.Shared.Time;
using Membership.Shared.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Membership.Shared.Csv.CsvField;

namespace Membership.Segmentation.Segments;

/// <summary>
/// CSV export of a saved segment's members as they match now, for Owners and Marketers: streamed page by page, UTF-8
/// with a BOM, mobiles masked for anyone who sees them masked (<see cref="PersonalDataView"/>), and audited.
/// </summary>
internal static class SegmentExportEndpoints
{
    private static readonly string[] Header = ["會員編號", "姓名", "手機", "LINE 名稱", "等級", "RFM 類型", "NES", "點數", "LINE 可觸及"];

    internal static IEndpointRouteBuilder MapSegmentExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(SegmentationModuleExtensions.SegmentExportRoute, ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(StaffRoles.Owner, StaffRoles.Marketer));
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid segmentId, HttpContext http, ISegmentationModule segmentation, IAuditTrail audit, CancellationToken ct)
    {
        if (await segmentation.GetSegmentAsync(segmentId, ct) is not { } segment)
        {
            return TypedResults.NotFound();
        }

        var view = PersonalDataView.For(http.User);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"segment-{TaipeiTime.Now(TimeProvider.System):yyyyMMdd-HHmm}.csv\"";
        var rows = 0;
        await using (var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true))
        {
            await writer.WriteLineAsync(string.Join(',', Header));
            for (var page = 1; ; page++)
            {
                var members = await segmentation.ListMembersAsync(segment.Definition, new PageRequest(page, PageRequest.MaxPageSize), ct);
                foreach (var m in members.Items)
                {
                    await writer.WriteLineAsync(string.Join(',',
                        Escape(m.MemberCode), Escape(m.Name), Escape(view.Mobile(m.Mobile)), Escape(m.LineDisplayName), Escape(m.TierCode), Escape(m.RfmType),
                        Escape(m.NesState), m.Points.ToString(CultureInfo.InvariantCulture), m.Reachable ? "Y" : "N"));
                    rows++;
                }

                await writer.FlushAsync(ct);
                if (members.Items.Count < PageRequest.MaxPageSize)
                {
                    break;
                }
            }
        }

        await audit.RecordAsync(new AuditRecord("segment.exported", "segment", segmentId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{rows} rows; {segment.Name}; mobile {(view.InFull ? "full" : "masked")}")), ct);
        return TypedResults.Empty;
    }
}
