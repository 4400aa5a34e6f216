using Membership.Contracts.Common;
using Membership.Contracts.Line;

namespace Membership.Contracts.Conversations;

/// <summary>
/// Simple surveys (簡易問卷) answered inside LINE: one question at a time in the chat with quick-reply buttons, or as a
/// form page. Started by the postback <c>survey:{id}</c> (a campaign's or journey's button, a rich-menu area, the chat).
/// Answers are kept per member; a completed survey gives its tags and reward once, whatever is resubmitted or redelivered.
/// </summary>
public interface ISurveys
{
    /// <summary>Newest first, with response counts.</summary>
    Task<IReadOnlyList<SurveySummary>> ListAsync(CancellationToken ct = default);

    Task<Survey?> GetAsync(Guid surveyId, CancellationToken ct = default);

    /// <summary>Creates (no id) or updates one; refused with the path of each error.</summary>
    Task<SaveSurveyResult> SaveAsync(SaveSurveyRequest request, CancellationToken ct = default);

    /// <summary>
    /// The message that starts the survey for this LINE user (a button to the first question, or to the form page);
    /// null for an unknown or closed survey.
    /// </summary>
    Task<IReadOnlyList<LineMessage>?> InvitationAsync(Guid surveyId, string lineUserId, CancellationToken ct = default);

    /// <summary>The form page's answers, all at once: saved, completed and rewarded once per member.</summary>
    Task<SubmitSurveyResult> SubmitAsync(SubmitSurveyRequest request, CancellationToken ct = default);

    /// <summary>What this member answered so far (for the form page), or null when they have not started.</summary>
    Task<SurveyResponse?> GetMemberResponseAsync(Guid surveyId, Guid memberId, CancellationToken ct = default);

    /// <summary>Counts and shares per answer, completion rate and the text answers.</summary>
    Task<SurveyResults?> GetResultsAsync(Guid surveyId, CancellationToken ct = default);

    /// <summary>Responses, newest first.</summary>
    Task<PagedResult<SurveyResponse>> ListResponsesAsync(Guid surveyId, PageRequest page, CancellationToken ct = default);

    /// <summary>Every survey this member answered, newest first (the member beside the chat).</summary>
    Task<IReadOnlyList<MemberSurveyAnswers>> ListMemberAnswersAsync(Guid memberId, CancellationToken ct = default);
}

public enum SurveyForm
{
    /// <summary>One question at a time in the chat, with quick-reply buttons.</summary>
    Chat = 0,
    /// <summary>A form page opened from LINE, for longer surveys.</summary>
    Page = 1,
}

public enum SurveyQuestionKind
{
    SingleChoice = 0,
    MultipleChoice = 1,
    /// <summary>1 to 5.</summary>
    Rating = 2,
    ShortText = 3,
}

/// <param name="Id">Fixed when the question is written (e.g. <c>q1</c>); answers keep it across edits.</param>
/// <param name="PreferenceKey">When set (e.g. 偏好飲品), the chosen answer becomes the member's preference of that name.</param>
public sealed record SurveyQuestion(
    string Id, SurveyQuestionKind Kind, string Text, string? TextEn, IReadOnlyList<SurveyChoice> Choices, string? PreferenceKey = null)
{
    public string TextFor(string? language) => CustomerLanguage.IsEnglish(language) && !string.IsNullOrWhiteSpace(TextEn) ? TextEn : Text;
}

/// <param name="Label">≤ 20 characters: it is a quick-reply button.</param>
/// <param name="TagId">A tag the member gets for this answer when they complete the survey.</param>
public sealed record SurveyChoice(string Id, string Label, string? LabelEn = null, Guid? TagId = null)
{
    public string LabelFor(string? language) => CustomerLanguage.IsEnglish(language) && !string.IsNullOrWhiteSpace(LabelEn) ? LabelEn : Label;
}

/// <param name="Points">Points on completion (0: none), with <paramref name="Reason"/> in the member's ledger.</param>
/// <param name="CouponDefinitionId">A coupon on completion.</param>
public sealed record SurveyReward(int Points, string? Reason, Guid? CouponDefinitionId);

public sealed record Survey(
    Guid Id,
    string Title,
    string? TitleEn,
    string? Intro,
    string? IntroEn,
    SurveyForm Form,
    bool Open,
    IReadOnlyList<SurveyQuestion> Questions,
    SurveyReward? Reward,
    string UpdatedBy,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The postback data that starts it (a button in a campaign, a journey step or the rich menu).</summary>
    public string StartData => SurveyPostbacks.Start(Id);

    public string TitleFor(string? language) => CustomerLanguage.IsEnglish(language) && !string.IsNullOrWhiteSpace(TitleEn) ? TitleEn : Title;
}

public sealed record SurveySummary(Guid Id, string Title, SurveyForm Form, bool Open, int Questions, int Started, int Completed, DateTimeOffset UpdatedAt);

public sealed record SaveSurveyRequest(
    Guid? Id, string Title, string? TitleEn, string? Intro, string? IntroEn, SurveyForm Form, bool Open,
    IReadOnlyList<SurveyQuestion> Questions, SurveyReward? Reward, string By);

public sealed record SaveSurveyResult(Guid? Id, IReadOnlyList<ConversationError> Errors)
{
    public bool Saved => Errors.Count == 0;
}

/// <param name="ChoiceIds">Single and multiple choice.</param>
public sealed record SurveyAnswer(string QuestionId, IReadOnlyList<string> ChoiceIds, int? Rating = null, string? Text = null);

/// <summary>Once per member: a second submit (a double tap, a resent form) changes nothing.</summary>
public sealed record SubmitSurveyRequest(Guid SurveyId, Guid MemberId, string LineUserId, IReadOnlyList<SurveyAnswer> Answers);

public enum SubmitSurveyOutcome
{
    Completed = 0,
    /// <summary>Completed before: nothing changed, no second reward.</summary>
    AlreadyCompleted = 1,
    NotFound = 2,
    Closed = 3,
    Invalid = 4,
}

public sealed record SubmitSurveyResult(SubmitSurveyOutcome Outcome, IReadOnlyList<ConversationError> Errors);

public sealed record SurveyResponse(
    Guid Id, Guid MemberId, string? MemberCode, string? MemberName, string? Mobile, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt,
    IReadOnlyList<SurveyAnswer> Answers);

public sealed record SurveyChoiceCount(string ChoiceId, string Label, int Count, double Share);

/// <param name="Counts">Choices (and ratings 1-5 as choices "1".."5") with how many answered each; shares of the question's answers.</param>
/// <param name="Texts">Short-text answers, newest first (at most 200).</param>
public sealed record SurveyQuestionResult(SurveyQuestion Question, int Answered, IReadOnlyList<SurveyChoiceCount> Counts, double? AverageRating, IReadOnlyList<string> Texts);

public sealed record SurveyResults(Survey Survey, int Started, int Completed, IReadOnlyList<SurveyQuestionResult> Questions)
{
    public double CompletionRate => Started == 0 ? 0 : (double)Completed / Started;
}

public sealed record MemberSurveyAnswers(Guid SurveyId, string Title, DateTimeOffset? CompletedAt, IReadOnlyList<SurveyAnswerLine> Answers);

/// <param name="Answer">As shown to staff: the chosen labels, the rating, or the text.</param>
public sealed record SurveyAnswerLine(string Question, string Answer, string? PreferenceKey = null);

/// <summary>The postback data of the chat flow (≤ 300 characters).</summary>
public static class SurveyPostbacks
{
    public const string Prefix = "survey:";

    public static string Start(Guid surveyId) => $"{Prefix}{surveyId:N}";

    public static string Answer(Guid surveyId, string questionId, string value) => $"{Prefix}{surveyId:N}:{questionId}:{value}";
}

/// <summary>Read-only views the Conversations module publishes (STYLE.md §4.3). Changing one is a contract change.</summary>
public static class SurveyViews
{
    /// <summary>One row per chosen answer: <c>member_id uuid, survey_id uuid, question_id text, choice_id text, completed boolean</c>.</summary>
    public const string SurveyAnswers = "conversations_v_survey_answers";
}
