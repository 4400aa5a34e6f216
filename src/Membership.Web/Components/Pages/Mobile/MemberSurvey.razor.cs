using System.Globalization;
using Membership.Contracts.Conversations;
using Membership.Contracts.Members;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Membership.Web.Components.Pages.Mobile;

/// <summary>
/// A survey as a form page, opened from LINE with the card's signed token: every question at once, answers kept when a
/// submit is refused, completed (tags, reward) once however often it is sent.
/// </summary>
public sealed partial class MemberSurvey
{
    private const string FormName = "survey";

    [Parameter]
    public Guid SurveyId { get; set; }

    [Inject]
    private IMemberLinks Links { get; set; } = default!;

    [Inject]
    private IMembersModule Members { get; set; } = default!;

    [Inject]
    private ISurveys Surveys { get; set; } = default!;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "t")]
    private string? T { get; set; }

    private MemberSummary? Member { get; set; }

    private Survey? Survey { get; set; }

    private SurveyResponse? Answered { get; set; }

    private SubmitSurveyResult? Result { get; set; }

    /// <summary>What the member sent in the refused submit, shown again so nothing is typed twice.</summary>
    private Dictionary<string, SurveyAnswer> Given { get; set; } = [];

    private string? Language => CultureInfo.CurrentUICulture.Name;

    private string CardPath => $"/m/card?t={Uri.EscapeDataString(T ?? "")}";

    private string? Intro => Survey is null ? null
        : CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) && Survey.IntroEn is { } en ? en : Survey.Intro;

    protected override async Task OnInitializedAsync()
    {
        if (Links.ReadToken(T, MemberLinkPurpose.Card) is { } lineUserId && await Members.FindByLineUserIdAsync(lineUserId) is { } member)
        {
            var survey = await Surveys.GetAsync(SurveyId);
            var answered = survey is null ? null : await Surveys.GetMemberResponseAsync(survey.Id, member.Id);
            (Member, Survey, Answered) = (member, survey, answered);
            Given = answered?.Answers.ToDictionary(a => a.QuestionId) ?? [];
        }
    }

    private async Task SubmitAsync()
    {
        if (Member is null || Survey is null || HttpContext is null)
        {
            return;
        }

        var form = HttpContext.Request.Form;
        Given = Survey.Questions.ToDictionary(q => q.Id, q =>
        {
            var values = form[$"q_{q.Id}"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            return q.Kind switch
            {
                SurveyQuestionKind.Rating => new SurveyAnswer(q.Id, [], int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null),
                SurveyQuestionKind.ShortText => new SurveyAnswer(q.Id, [], Text: values.FirstOrDefault() ?? ""),
                _ => new SurveyAnswer(q.Id, values),
            };
        });
        Result = await Surveys.SubmitAsync(new SubmitSurveyRequest(Survey.Id, Member.Id, Member.LineUserId!, Given.Values.ToList()));
    }

    private string? ErrorOf(SurveyQuestion question) =>
        Result?.Errors.FirstOrDefault(e => e.Path == $"answers[{question.Id}]")?.Message;

    private bool Chosen(SurveyQuestion question, string value) =>
        Given.TryGetValue(question.Id, out var answer)
        && (answer.ChoiceIds.Contains(value) || answer.Rating?.ToString(CultureInfo.InvariantCulture) == value);

    private string? TextOf(SurveyQuestion question) => Given.TryGetValue(question.Id, out var answer) ? answer.Text : null;
}
