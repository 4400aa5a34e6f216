using System.Text.RegularExpressions;
using Membership.Contracts.Conversations;

namespace Membership.Conversations.Surveys;

/// <summary>
/// What a survey may hold. The limits are LINE's where the chat shows it: a question is a text message with ≤ 13 quick-reply
/// buttons of ≤ 20 characters, and the postback data naming an answer stays under LINE's 300 characters.
/// </summary>
internal static partial class SurveyRules
{
    public const int TitleMax = 40;
    public const int IntroMax = 160;
    public const int QuestionTextMax = 300;
    public const int IdMax = 20;
    public const int LabelMax = 20;
    public const int TextAnswerMax = 500;
    public const int QuestionsMax = 20;

    /// <summary>One quick-reply button stays free for 完成 (multiple choice).</summary>
    public const int ChoicesMax = 12;

    public static List<ConversationError> Check(SaveSurveyRequest request)
    {
        var errors = new List<ConversationError>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > TitleMax)
        {
            errors.Add(new("title", $"標題為 1 到 {TitleMax} 個字。"));
        }

        if (request.TitleEn is { Length: > TitleMax })
        {
            errors.Add(new("titleEn", $"英文標題最多 {TitleMax} 個字。"));
        }

        if (request.Intro is { Length: > IntroMax } || request.IntroEn is { Length: > IntroMax })
        {
            errors.Add(new("intro", $"說明最多 {IntroMax} 個字。"));
        }

        if (request.Questions.Count is 0 or > QuestionsMax)
        {
            errors.Add(new("questions", $"問卷有 1 到 {QuestionsMax} 題。"));
        }

        var questionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Questions.Count; i++)
        {
            CheckQuestion(request.Questions[i], $"questions[{i}]", questionIds, errors);
        }

        if (request.Reward is { } reward)
        {
            if (reward.Points is < 0 or > 100_000)
            {
                errors.Add(new("reward.points", "點數為 0 到 100,000。"));
            }

            if (reward.Points > 0 && string.IsNullOrWhiteSpace(reward.Reason))
            {
                errors.Add(new("reward.reason", "給點數時請寫原因（會出現在會員的點數紀錄）。"));
            }
        }

        return errors;
    }

    private static void CheckQuestion(SurveyQuestion question, string path, HashSet<string> ids, List<ConversationError> errors)
    {
        if (!Id().IsMatch(question.Id ?? "") || !ids.Add(question.Id!))
        {
            errors.Add(new($"{path}.id", "題目代號為不重複的 1 到 20 個英文字母、數字、- 或 _。"));
        }

        if (string.IsNullOrWhiteSpace(question.Text) || question.Text.Length > QuestionTextMax || question.TextEn is { Length: > QuestionTextMax })
        {
            errors.Add(new($"{path}.text", $"題目為 1 到 {QuestionTextMax} 個字。"));
        }

        if (question.PreferenceKey is { Length: > 20 })
        {
            errors.Add(new($"{path}.preferenceKey", "偏好名稱最多 20 個字。"));
        }

        var choosing = question.Kind is SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice;
        if (!choosing)
        {
            if (question.Choices.Count > 0)
            {
                errors.Add(new($"{path}.choices", "評分與簡答題沒有選項。"));
            }

            return;
        }

        if (question.Choices.Count is < 2 or > ChoicesMax)
        {
            errors.Add(new($"{path}.choices", $"選擇題有 2 到 {ChoicesMax} 個選項。"));
        }

        var choiceIds = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < question.Choices.Count; j++)
        {
            var choice = question.Choices[j];
            if (!Id().IsMatch(choice.Id ?? "") || !choiceIds.Add(choice.Id!))
            {
                errors.Add(new($"{path}.choices[{j}].id", "選項代號為不重複的 1 到 20 個英文字母、數字、- 或 _。"));
            }

            if (string.IsNullOrWhiteSpace(choice.Label) || choice.Label.Trim().Length > LabelMax || choice.LabelEn is { Length: > LabelMax })
            {
                errors.Add(new($"{path}.choices[{j}].label", $"選項為 1 到 {LabelMax} 個字（LINE 快速回覆按鈕的長度）。"));
            }
        }
    }

    /// <summary>Checks one answer against its question; null when it is good.</summary>
    public static string? CheckAnswer(SurveyQuestion question, SurveyAnswer answer) => question.Kind switch
    {
        SurveyQuestionKind.SingleChoice when answer.ChoiceIds.Count != 1 => "請選一個答案。",
        SurveyQuestionKind.MultipleChoice when answer.ChoiceIds.Count == 0 => "請至少選一個答案。",
        SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice
            when answer.ChoiceIds.Any(id => question.Choices.All(c => c.Id != id)) || answer.ChoiceIds.Distinct().Count() != answer.ChoiceIds.Count => "沒有這個選項。",
        SurveyQuestionKind.Rating when answer.Rating is not (>= 1 and <= 5) => "評分為 1 到 5。",
        SurveyQuestionKind.ShortText when answer.Text is { Length: > TextAnswerMax } => $"回答最多 {TextAnswerMax} 個字。",
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,20}$")]
    private static partial Regex Id();
}
