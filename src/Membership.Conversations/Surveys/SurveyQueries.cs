using Membership.Contracts.Conversations;
using Membership.Conversations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Membership.Conversations.Surveys;

internal static class SurveyQueries
{
    /// <summary>How many members chose each answer (ratings as the answers "1".."5"), in one grouped scan of the survey's answers.</summary>
    public static async Task<Dictionary<(string QuestionId, string ChoiceId), int>> ChoiceCountsAsync(ConversationsDbContext db, Guid surveyId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<ChoiceCount>($"""
            SELECT question_id, choice_id, count(*)::int AS count
            FROM conversations_v_survey_answers WHERE survey_id = {surveyId}
            GROUP BY question_id, choice_id
            """).ToListAsync(ct);
        return rows.ToDictionary(r => (r.QuestionId, r.ChoiceId), r => r.Count);
    }

    private sealed record ChoiceCount(string QuestionId, string ChoiceId, int Count);
}

/// <summary>Survey texts as a member (in their LINE language) or staff see them.</summary>
internal static class SurveyText
{
    public static string AnswerOf(SurveyQuestion question, SurveyAnswer answer, string? language) => question.Kind switch
    {
        SurveyQuestionKind.Rating => answer.Rating is { } rating ? $"{rating} ★" : "",
        SurveyQuestionKind.ShortText => string.IsNullOrWhiteSpace(answer.Text) ? "—" : answer.Text,
        _ => string.Join("、", question.Choices.Where(c => answer.ChoiceIds.Contains(c.Id)).Select(c => c.LabelFor(language))),
    };

    public static bool English(string? language) => Membership.Contracts.Line.CustomerLanguage.IsEnglish(language);
}
