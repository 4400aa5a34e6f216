using System.Globalization;
using System.Text;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Conversations.Surveys;
using Membership.Shared.Privacy;
using Membership.Shared.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Membership.Shared.Csv.CsvField;

namespace Membership.Conversations.Api;

/// <summary>
/// A survey's responses as CSV for Owners and Marketers (<c>/surveys/{id}/responses.csv</c>): one row per member, one column
/// per question; mobiles masked for roles that may not see them in full; every export is in the audit trail.
/// </summary>
internal static class SurveyExportEndpoints
{
    public static IEndpointRouteBuilder MapSurveyExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/surveys/{surveyId:guid}/responses.csv", ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(StaffRoles.Owner, StaffRoles.Marketer))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid surveyId, HttpContext http, ISurveys surveys, IAuditTrail audit, CancellationToken ct)
    {
        if (await surveys.GetAsync(surveyId, ct) is not { } survey)
        {
            return Results.NotFound();
        }

        var view = PersonalDataView.For(http.User);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"survey-{surveyId:N}-{TaipeiTime.Now(TimeProvider.System):yyyyMMdd-HHmm}.csv\"";
        var rows = 0;
        await using (var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true))
        {
            string[] header = ["會員編號", "姓名", "手機", "開始", "完成", .. survey.Questions.Select(q => q.Text)];
            await writer.WriteLineAsync(string.Join(',', header.Select(Escape)));
            for (var page = 1; ; page++)
            {
                var batch = await surveys.ListResponsesAsync(surveyId, new PageRequest(page, PageRequest.MaxPageSize), ct);
                foreach (var r in batch.Items)
                {
                    var answers = r.Answers.ToDictionary(a => a.QuestionId);
                    string?[] cells =
                    [
                        r.MemberCode, r.MemberName, view.Mobile(r.Mobile), TaipeiTime.Format(r.StartedAt), TaipeiTime.Format(r.CompletedAt),
                        .. survey.Questions.Select(q => answers.TryGetValue(q.Id, out var a) ? SurveyText.AnswerOf(q, a, null) : ""),
                    ];
                    await writer.WriteLineAsync(string.Join(',', cells.Select(Escape)));
                    rows++;
                }

                if (batch.Items.Count < batch.PageSize)
                {
                    break;
                }
            }
        }

        await audit.RecordAsync(new AuditRecord("conversations.survey-exported", "survey", surveyId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{rows} rows; mobiles {(view.InFull ? "in full" : "masked")}")), ct);
        return Results.Empty;
    }
}
