using System.Globalization;
using Membership.Contracts.Conversations;

namespace Membership.Web.Components.Pages.Surveys;

/// <summary>The survey editor's mutable copy: question and choice ids are given once and kept across edits.</summary>
internal sealed class SurveyDraft
{
    public Guid? Id { get; set; }
    public string Title { get; set; } = "";
    public string? TitleEn { get; set; }
    public string? Intro { get; set; }
    public string? IntroEn { get; set; }
    public SurveyForm Form { get; set; }
    public bool Open { get; set; } = true;
    public List<QuestionDraft> Questions { get; } = [];
    public int RewardPoints { get; set; }
    public string? RewardReason { get; set; }
    public Guid? RewardCouponId { get; set; }

    public static SurveyDraft From(Survey survey)
    {
        var draft = new SurveyDraft
        {
            Id = survey.Id, Title = survey.Title, TitleEn = survey.TitleEn, Intro = survey.Intro, IntroEn = survey.IntroEn, Form = survey.Form,
            Open = survey.Open, RewardPoints = survey.Reward?.Points ?? 0, RewardReason = survey.Reward?.Reason, RewardCouponId = survey.Reward?.CouponDefinitionId,
        };
        draft.Questions.AddRange(survey.Questions.Select(q => new QuestionDraft
        {
            Id = q.Id, Kind = q.Kind, Text = q.Text, TextEn = q.TextEn, PreferenceKey = q.PreferenceKey,
            Choices = q.Choices.Select(c => new ChoiceDraft { Id = c.Id, Label = c.Label, LabelEn = c.LabelEn, TagId = c.TagId }).ToList(),
        }));
        return draft;
    }

    public QuestionDraft AddQuestion(SurveyQuestionKind kind)
    {
        var question = new QuestionDraft { Id = NextId("q", Questions.Select(q => q.Id)), Kind = kind };
        if (kind is SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice)
        {
            question.AddChoice();
            question.AddChoice();
        }

        Questions.Add(question);
        return question;
    }

    public SaveSurveyRequest ToRequest(string by) => new(
        Id, Title, TitleEn, Intro, IntroEn, Form, Open,
        Questions.Select(q => new SurveyQuestion(
            q.Id, q.Kind, q.Text, q.TextEn,
            q.HasChoices ? q.Choices.Select(c => new SurveyChoice(c.Id, c.Label, c.LabelEn, c.TagId)).ToList() : [],
            q.PreferenceKey)).ToList(),
        RewardPoints > 0 || RewardCouponId is not null ? new SurveyReward(RewardPoints, RewardReason, RewardCouponId) : null,
        by);

    internal static string NextId(string prefix, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (used.Contains(prefix + n.ToString(CultureInfo.InvariantCulture)))
        {
            n++;
        }

        return prefix + n.ToString(CultureInfo.InvariantCulture);
    }
}

internal sealed class QuestionDraft
{
    public string Id { get; set; } = "";
    public SurveyQuestionKind Kind { get; set; }
    public string Text { get; set; } = "";
    public string? TextEn { get; set; }
    public string? PreferenceKey { get; set; }
    public List<ChoiceDraft> Choices { get; set; } = [];

    public bool HasChoices => Kind is SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice;

    public void AddChoice() => Choices.Add(new ChoiceDraft { Id = SurveyDraft.NextId("c", Choices.Select(c => c.Id)) });
}

internal sealed class ChoiceDraft
{
    public string Id { get; set; } = "";
    public string Label { get; set; } = "";
    public string? LabelEn { get; set; }
    public Guid? TagId { get; set; }
}
