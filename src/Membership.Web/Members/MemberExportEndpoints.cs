using System.Globalization;
using System.Text;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Shared.Time;
using static Membership.Shared.Csv.CsvField;

namespace Membership.Web.Members;

/// <summary>CSV export of the filtered member list, for Owners and Marketers: streamed, UTF-8 with a BOM so Excel reads Chinese.</summary>
internal static class MemberExportEndpoints
{
    public const string Path = "/members/export.csv";

    private static readonly string[] Header = ["會員編號", "姓名", "手機", "email", "地區", "狀態", "好友狀態", "LINE 名稱", "加入時間", "註冊時間"];

    public static IEndpointRouteBuilder MapMemberExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization(policy => policy.RequireRole(StaffRoles.Owner, StaffRoles.Marketer));
        return app;
    }

    private static async Task ExportAsync(HttpContext http, IMemberDirectory directory, IAuditTrail audit, CancellationToken ct)
    {
        var filter = MemberListFilter.FromQuery(http.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString()));
        http.Response.ContentType = "text/csv; charset=utf-8";
        var fileName = $"members-{TaipeiTime.Now(TimeProvider.System):yyyyMMdd-HHmm}.csv";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var rows = 0;
        await using (var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true))
        {
            await writer.WriteLineAsync(string.Join(',', Header));
            await foreach (var m in directory.StreamAsync(filter.ToQuery(), filter.ToSort(), ct))
            {
                await writer.WriteLineAsync(string.Join(',',
                    Escape(m.MemberCode), Escape(m.Name), Escape(m.Mobile), Escape(m.Email), Escape(TaiwanRegions.Find(m.Region)?.ZhName),
                    Escape(m.Status.ToString()), Escape(m.FriendStatus.ToString()), Escape(m.LineDisplayName),
                    Escape(TaipeiTime.Format(m.CreatedAt)), Escape(TaipeiTime.Format(m.RegisteredAt))));
                if (++rows % 5000 == 0)
                {
                    await writer.FlushAsync(ct);
                }
            }
        }

        await audit.RecordAsync(new AuditRecord("members.exported", "members", "csv",
            string.Create(CultureInfo.InvariantCulture, $"{rows} rows; filter {filter.ToUri("")}")), ct);
    }
}
