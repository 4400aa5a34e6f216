using System.Text.Json;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Conversations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conversations.Surveys;

internal sealed class SurveyStore(
    IDbContextFactory<ConversationsDbContext> dbFactory,
    SurveyResponses responses,
    SurveyChat chat,
    IMemberLookup lookup,
    IAuditTrail audit,
    TimeProvider clock) : ISurveys
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SurveySummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Surveys.AsNoTracking().OrderByDescending(s => s.CreatedAt)
            .Select(s => new
            {
                Survey = s,
                Started = db.SurveyResponses.Count(r => r.SurveyId == s.Id),
                Completed = db.SurveyResponses.Count(r => r.SurveyId == s.Id && r.CompletedAt != null),
            })
            .ToListAsync(ct);
        return rows.Select(r => new SurveySummary(
            r.Survey.Id, r.Survey.Title, (SurveyForm)r.Survey.Form, r.Survey.Open, ToSurvey(r.Survey).Questions.Count, r.Started, r.Completed, r.Survey.UpdatedAt)).ToList();
    }

    public async Task<Survey?> GetAsync(Guid surveyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        return row is null ? null : ToSurvey(row);
    }

    public async Task<SaveSurveyResult> SaveAsync(SaveSurveyRequest request, CancellationToken ct = default)
    {
        var errors = SurveyRules.Check(request);
        if (errors.Count > 0)
        {
            return new SaveSurveyResult(null, errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = request.Id is { } id ? await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, ct) : null;
        if (request.Id is not null && row is null)
        {
            return new SaveSurveyResult(null, [new("id", "找不到這份問卷。")]);
        }

        var now = clock.GetUtcNow();
        row ??= db.Surveys.Add(new SurveyRow { Id = Guid.CreateVersion7(), Title = "", QuestionsJson = "[]", UpdatedBy = request.By, CreatedAt = now }).Entity;
        row.Title = request.Title.Trim();
        row.TitleEn = Blank(request.TitleEn);
        row.Intro = Blank(request.Intro);
        row.IntroEn = Blank(request.IntroEn);
        row.Form = (int)request.Form;
        row.Open = request.Open;
        row.QuestionsJson = JsonSerializer.Serialize(request.Questions.Select(Trimmed), Json);
        row.RewardPoints = request.Reward?.Points ?? 0;
        row.RewardReason = Blank(request.Reward?.Reason);
        row.RewardCouponId = request.Reward?.CouponDefinitionId;
        (row.UpdatedBy, row.UpdatedAt) = (request.By, now);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditRecord(request.Id is null ? "conversations.survey-created" : "conversations.survey-updated", "survey", row.Id.ToString(), row.Title), ct);
        return new SaveSurveyResult(row.Id, []);
    }

    public async Task<IReadOnlyList<LineMessage>?> InvitationAsync(Guid surveyId, string lineUserId, CancellationToken ct = default) =>
        await GetAsync(surveyId, ct) is { Open: true } survey ? await chat.InvitationAsync(survey, lineUserId, ct) : null;

    public async Task<SubmitSurveyResult> SubmitAsync(SubmitSurveyRequest request, CancellationToken ct = default)
    {
        if (await GetAsync(request.SurveyId, ct) is not { } survey)
        {
            return new SubmitSurveyResult(SubmitSurveyOutcome.NotFound, []);
        }

        var state = await responses.StartAsync(survey.Id, request.MemberId, request.LineUserId, ct);
        if (state.CompletedAt is not null)
        {
            await responses.CompleteAsync(survey, state.Id, request.MemberId, ct); // gives what a crash left ungiven
            return new SubmitSurveyResult(SubmitSurveyOutcome.AlreadyCompleted, []);
        }

        if (!survey.Open)
        {
            return new SubmitSurveyResult(SubmitSurveyOutcome.Closed, []);
        }

        var errors = new List<ConversationError>();
        var byQuestion = request.Answers.GroupBy(a => a.QuestionId).ToDictionary(g => g.Key, g => g.Last());
        for (var i = 0; i < survey.Questions.Count; i++)
        {
            var question = survey.Questions[i];
            var answer = byQuestion.GetValueOrDefault(question.Id) ?? new SurveyAnswer(question.Id, []);
            if (SurveyRules.CheckAnswer(question, answer) is { } error)
            {
                errors.Add(new($"answers[{question.Id}]", error));
            }
        }

        if (errors.Count > 0)
        {
            return new SubmitSurveyResult(SubmitSurveyOutcome.Invalid, errors);
        }

        await responses.SaveAsync(state.Id, survey.Questions.Select(q => byQuestion.GetValueOrDefault(q.Id) ?? new SurveyAnswer(q.Id, [])), ct);
        var completed = await responses.CompleteAsync(survey, state.Id, request.MemberId, ct);
        return new SubmitSurveyResult(completed ? SubmitSurveyOutcome.Completed : SubmitSurveyOutcome.AlreadyCompleted, []);
    }

    public async Task<SurveyResponse?> GetMemberResponseAsync(Guid surveyId, Guid memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.SurveyResponses.AsNoTracking().FirstOrDefaultAsync(r => r.SurveyId == surveyId && r.MemberId == memberId, ct);
        return row is null ? null : new SurveyResponse(row.Id, row.MemberId, null, null, null, row.StartedAt, row.CompletedAt, await responses.AnswersAsync(row.Id, ct));
    }

    public async Task<SurveyResults?> GetResultsAsync(Guid surveyId, CancellationToken ct = default)
    {
        if (await GetAsync(surveyId, ct) is not { } survey)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var started = await db.SurveyResponses.CountAsync(r => r.SurveyId == surveyId, ct);
        var completed = await db.SurveyResponses.CountAsync(r => r.SurveyId == surveyId && r.CompletedAt != null, ct);
        var answers = db.SurveyAnswers.Where(a => db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.SurveyId == surveyId));
        var answered = await answers.GroupBy(a => a.QuestionId).Select(g => new { g.Key, Count = g.Count(), Rating = g.Average(a => (double?)a.Rating) })
            .ToDictionaryAsync(g => g.Key, ct);
        var choices = await SurveyQueries.ChoiceCountsAsync(db, surveyId, ct);
        var texts = await answers.Where(a => a.Text != null && a.Text != "").OrderByDescending(a => a.AnsweredAt)
            .Select(a => new { a.QuestionId, a.Text }).Take(200 * survey.Questions.Count(q => q.Kind == SurveyQuestionKind.ShortText)).ToListAsync(ct);

        var questions = survey.Questions.Select(question =>
        {
            var count = answered.TryGetValue(question.Id, out var a) ? a.Count : 0;
            var options = question.Kind == SurveyQuestionKind.Rating
                ? Enumerable.Range(1, 5).Select(r => new SurveyChoice(r.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{r} ★")).ToList()
                : question.Choices;
            var counts = options.Select(c =>
            {
                var n = choices.GetValueOrDefault((question.Id, c.Id));
                return new SurveyChoiceCount(c.Id, c.Label, n, count == 0 ? 0 : (double)n / count);
            }).ToList();
            return new SurveyQuestionResult(
                question, count, counts, question.Kind == SurveyQuestionKind.Rating ? a?.Rating : null,
                texts.Where(t => t.QuestionId == question.Id).Select(t => t.Text!).Take(200).ToList());
        }).ToList();
        return new SurveyResults(survey, started, completed, questions);
    }

    public async Task<PagedResult<SurveyResponse>> ListResponsesAsync(Guid surveyId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == surveyId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Skip((page.Page - 1) * page.PageSize).Take(page.PageSize).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var answers = (await db.SurveyAnswers.AsNoTracking().Where(a => ids.Contains(a.ResponseId)).ToListAsync(ct)).ToLookup(a => a.ResponseId);
        var members = await lookup.GetManyAsync(rows.Select(r => r.MemberId).ToList(), ct);
        var items = rows.Select(r =>
        {
            var member = members.GetValueOrDefault(r.MemberId);
            return new SurveyResponse(
                r.Id, r.MemberId, member?.MemberCode, member?.Name ?? member?.LineDisplayName, member?.Mobile, r.StartedAt, r.CompletedAt,
                answers[r.Id].Select(a => new SurveyAnswer(a.QuestionId, a.ChoiceIds, a.Rating, a.Text)).ToList());
        }).ToList();
        return new PagedResult<SurveyResponse>(items, total, page.Page, page.PageSize);
    }

    public async Task<IReadOnlyList<MemberSurveyAnswers>> ListMemberAnswersAsync(Guid memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SurveyResponses.AsNoTracking().Where(r => r.MemberId == memberId)
            .Join(db.Surveys, r => r.SurveyId, s => s.Id, (r, s) => new { Response = r, Survey = s })
            .OrderByDescending(x => x.Response.StartedAt).Take(20).ToListAsync(ct);
        var ids = rows.Select(r => r.Response.Id).ToList();
        var answers = (await db.SurveyAnswers.AsNoTracking().Where(a => ids.Contains(a.ResponseId)).ToListAsync(ct)).ToLookup(a => a.ResponseId);
        return rows.Select(x =>
        {
            var survey = ToSurvey(x.Survey);
            var given = answers[x.Response.Id].ToDictionary(a => a.QuestionId);
            var lines = survey.Questions.Where(q => given.ContainsKey(q.Id))
                .Select(q => new SurveyAnswerLine(q.Text, SurveyText.AnswerOf(q, Answer(given[q.Id]), null), q.PreferenceKey)).ToList();
            return new MemberSurveyAnswers(survey.Id, survey.Title, x.Response.CompletedAt, lines);
        }).ToList();
    }

    internal static Survey ToSurvey(SurveyRow row) => new(
        row.Id, row.Title, row.TitleEn, row.Intro, row.IntroEn, (SurveyForm)row.Form, row.Open,
        JsonSerializer.Deserialize<List<SurveyQuestion>>(row.QuestionsJson, Json) ?? [],
        row.RewardPoints > 0 || row.RewardCouponId is not null ? new SurveyReward(row.RewardPoints, row.RewardReason, row.RewardCouponId) : null,
        row.UpdatedBy, row.UpdatedAt);

    private static SurveyAnswer Answer(SurveyAnswerRow a) => new(a.QuestionId, a.ChoiceIds, a.Rating, a.Text);

    private static SurveyQuestion Trimmed(SurveyQuestion q) => q with
    {
        Text = q.Text.Trim(), TextEn = Blank(q.TextEn), PreferenceKey = Blank(q.PreferenceKey),
        Choices = q.Choices.Select(c => c with { Label = c.Label.Trim(), LabelEn = Blank(c.LabelEn) }).ToList(),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
