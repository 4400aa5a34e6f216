using System.Globalization;
using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Contracts.Members;
using Membership.Conversations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conversations.Surveys;

/// <summary>
/// A survey in the chat, one question at a time: each question is a text with quick-reply buttons whose postbacks name the
/// survey, the question and the answer (<c>survey:{id}:{question}:{answer}</c>), so a tap on an older button still counts,
/// and the flow goes on from the first unanswered question whenever the member comes back. A short-text question takes
/// the member's next text message (within <see cref="TextAnswerWindow"/>).
/// </summary>
internal sealed class SurveyChat(IDbContextFactory<ConversationsDbContext> dbFactory, SurveyResponses responses, IMembersModule members, IMemberLinks links)
{
    public static readonly TimeSpan TextAnswerWindow = TimeSpan.FromMinutes(30);

    public const string Done = "done";
    public const string Skip = "skip";

    public async Task<IReadOnlyList<LineMessage>> InvitationAsync(Survey survey, string lineUserId, CancellationToken ct)
    {
        var language = (await members.FindByLineUserIdAsync(lineUserId, ct))?.Language;
        var english = SurveyText.English(language);
        var intro = (english && !string.IsNullOrWhiteSpace(survey.IntroEn) ? survey.IntroEn : survey.Intro)
            ?? (english ? $"{survey.Questions.Count} questions" : $"共 {survey.Questions.Count} 題");
        LineAction action = survey.Form == SurveyForm.Page
            ? new UriAction(links.CardPageUrl($"/m/surveys/{survey.Id}", lineUserId)) { Label = english ? "Open the survey" : "填寫問卷" }
            : new PostbackAction(survey.StartData) { Label = english ? "Start" : "開始填寫", DisplayText = english ? "Start the survey" : "開始填寫問卷" };
        var title = survey.TitleFor(language);
        return [new TemplateMessage(title, new ButtonsTemplate(intro.Length > 60 ? intro[..60] : intro, [action]) { Title = title })];
    }

    /// <summary>The answer to a survey postback or to the short-text question waiting for this text; null when it is neither.</summary>
    public async Task<IReadOnlyList<LineMessage>?> AnswerAsync(LineChatEvent chat, CancellationToken ct)
    {
        if (chat.PostbackData is { } data && data.StartsWith(SurveyPostbacks.Prefix, StringComparison.Ordinal))
        {
            var parts = data[SurveyPostbacks.Prefix.Length..].Split(':', 3);
            return Guid.TryParseExact(parts[0], "N", out var surveyId)
                ? await StepAsync(chat.LineUserId, surveyId, parts.Length == 3 ? (parts[1], parts[2]) : null, null, ct)
                : null;
        }

        if (chat.Text is { Length: > 0 } text
            && await responses.FindAwaitingAsync(chat.LineUserId, chat.OccurredAt - TextAnswerWindow, ct) is { } awaiting)
        {
            return await StepAsync(chat.LineUserId, awaiting.SurveyId, (awaiting.QuestionId, ""), text, ct);
        }

        return null;
    }

    private async Task<IReadOnlyList<LineMessage>?> StepAsync(
        string lineUserId, Guid surveyId, (string QuestionId, string Value)? tapped, string? typed, CancellationToken ct)
    {
        var member = await members.FindByLineUserIdAsync(lineUserId, ct);
        if (member is null)
        {
            return null;
        }

        var english = SurveyText.English(member.Language);
        Survey? survey;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var row = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId, ct);
            survey = row is null ? null : SurveyStore.ToSurvey(row);
        }

        if (survey is not { Open: true })
        {
            return [Text(english ? "This survey has ended. Thank you!" : "這份問卷已經結束，謝謝你！")];
        }

        if (survey.Form == SurveyForm.Page)
        {
            return await InvitationAsync(survey, lineUserId, ct);
        }

        var state = await responses.StartAsync(survey.Id, member.Id, lineUserId, ct);
        if (state.CompletedAt is not null)
        {
            await responses.CompleteAsync(survey, state.Id, member.Id, ct); // gives what a crash left ungiven
            return [Text(english ? "You have already answered this survey. Thank you!" : "你已經填寫過這份問卷，謝謝！")];
        }

        var answers = state.Answers.ToDictionary(a => a.QuestionId);
        if (tapped is { } tap && survey.Questions.FirstOrDefault(q => q.Id == tap.QuestionId) is { } question)
        {
            var (answer, again) = Apply(question, answers.GetValueOrDefault(question.Id), tap.Value, typed);
            if (answer is not null)
            {
                await responses.SaveAsync(state.Id, [answer], ct);
                answers[question.Id] = answer;
            }

            if (again)
            {
                return [Ask(survey, question, answers.GetValueOrDefault(question.Id), member.Language)];
            }
        }

        var next = survey.Questions.FirstOrDefault(q => !answers.ContainsKey(q.Id));
        if (next is null)
        {
            await responses.CompleteAsync(survey, state.Id, member.Id, ct);
            return [Text(Thanks(survey, english))];
        }

        if (next.Kind == SurveyQuestionKind.ShortText)
        {
            await responses.AwaitTextAsync(state.Id, next.Id, ct);
        }

        return [Ask(survey, next, null, member.Language)];
    }

    /// <returns>The answer to keep (null: none), and whether to ask the same question again (a multiple choice in progress).</returns>
    private static (SurveyAnswer? Answer, bool Again) Apply(SurveyQuestion question, SurveyAnswer? existing, string value, string? typed)
    {
        switch (question.Kind)
        {
            case SurveyQuestionKind.SingleChoice when question.Choices.Any(c => c.Id == value):
                return (new SurveyAnswer(question.Id, [value]), false);
            case SurveyQuestionKind.MultipleChoice when value == Done:
                return (null, existing is not { ChoiceIds.Count: > 0 });
            case SurveyQuestionKind.MultipleChoice when question.Choices.Any(c => c.Id == value):
                // A tap adds the choice (or takes it back); 完成 moves on. Saved as it goes, so a pause loses nothing.
                var chosen = (existing?.ChoiceIds ?? []).ToList();
                if (!chosen.Remove(value))
                {
                    chosen.Add(value);
                }

                return (new SurveyAnswer(question.Id, chosen), true);
            case SurveyQuestionKind.Rating when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rating) && rating is >= 1 and <= 5:
                return (new SurveyAnswer(question.Id, [], rating), false);
            case SurveyQuestionKind.ShortText when value == Skip:
                return (new SurveyAnswer(question.Id, [], Text: ""), false);
            case SurveyQuestionKind.ShortText when typed is not null:
                var text = typed.Trim();
                return (new SurveyAnswer(question.Id, [], Text: text.Length > SurveyRules.TextAnswerMax ? text[..SurveyRules.TextAnswerMax] : text), false);
            default:
                return (null, false); // a stale or forged button: ask what is next
        }
    }

    private static TextMessage Ask(Survey survey, SurveyQuestion question, SurveyAnswer? sofar, string? language)
    {
        var english = SurveyText.English(language);
        var number = survey.Questions.ToList().IndexOf(question) + 1;
        var text = $"({number}/{survey.Questions.Count}) {question.TextFor(language)}";
        var items = new List<QuickReplyItem>();
        switch (question.Kind)
        {
            case SurveyQuestionKind.SingleChoice:
            case SurveyQuestionKind.MultipleChoice:
                items.AddRange(question.Choices.Select(c => Button(survey, question, c.Id, c.LabelFor(language))));
                if (question.Kind == SurveyQuestionKind.MultipleChoice)
                {
                    text += english ? "\n(Choose one or more, then tap Done.)" : "\n（可複選，選好後按「完成」）";
                    if (sofar is { ChoiceIds.Count: > 0 })
                    {
                        text += (english ? "\nChosen: " : "\n已選：") + SurveyText.AnswerOf(question, sofar, language);
                    }

                    items.Add(Button(survey, question, Done, english ? "Done ✔" : "完成 ✔"));
                }

                break;
            case SurveyQuestionKind.Rating:
                items.AddRange(Enumerable.Range(1, 5).Select(r => Button(survey, question, r.ToString(CultureInfo.InvariantCulture), $"{r} ★")));
                break;
            case SurveyQuestionKind.ShortText:
                text += english ? "\n(Type your answer.)" : "\n（請直接輸入文字回覆）";
                items.Add(Button(survey, question, Skip, english ? "Skip" : "略過"));
                break;
        }

        return new TextMessage(text) { QuickReply = new QuickReply(items) };
    }

    private static QuickReplyItem Button(Survey survey, SurveyQuestion question, string value, string label) =>
        new(new PostbackAction(SurveyPostbacks.Answer(survey.Id, question.Id, value)) { Label = label, DisplayText = label });

    private static string Thanks(Survey survey, bool english)
    {
        var reward = survey.Reward switch
        {
            { Points: > 0, CouponDefinitionId: not null } => english ? $" {survey.Reward.Points} points and a coupon are yours." : $"送你 {survey.Reward.Points} 點和一張優惠券。",
            { Points: > 0 } => english ? $" {survey.Reward.Points} points are yours." : $"送你 {survey.Reward.Points} 點。",
            { CouponDefinitionId: not null } => english ? " A coupon is yours: see your member card." : "送你一張優惠券，請到會員卡查看。",
            _ => "",
        };
        return english ? $"Thank you for answering!{reward}" : $"謝謝你的填寫！{reward}";
    }

    private static TextMessage Text(string text) => new(text);
}
