using Membership.Contracts.Conversations;
using Membership.Contracts.Coupons;
using Membership.Contracts.Tags;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Surveys;

/// <summary>Writes a survey: questions of four kinds, a tag per answer, the reward, zh-TW and English texts.</summary>
public sealed partial class SurveyEditor
{
    private SurveyDraft _draft = new();
    private IReadOnlyList<ConversationError> _errors = [];
    private IReadOnlyList<TagDefinition> _tags = [];
    private IReadOnlyList<CouponDefinition> _coupons = [];
    private string? _startData;
    private bool _saving;

    [Parameter]
    public Guid? SurveyId { get; set; }

    [Inject]
    private ISurveys Surveys { get; set; } = default!;

    [Inject]
    private ITagsModule Tags { get; set; } = default!;

    [Inject]
    private ICouponsModule Coupons { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _tags = await Tags.ListTagsAsync();
        _coupons = await Coupons.ListActiveDefinitionsAsync();
        if (SurveyId is { } id && await Surveys.GetAsync(id) is { } survey)
        {
            (_draft, _startData) = (SurveyDraft.From(survey), survey.StartData);
        }
        else if (_draft.Questions.Count == 0)
        {
            _draft.AddQuestion(SurveyQuestionKind.SingleChoice);
        }
    }

    private void Move(QuestionDraft question, int by)
    {
        var at = _draft.Questions.IndexOf(question);
        _draft.Questions.RemoveAt(at);
        _draft.Questions.Insert(at + by, question);
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var result = await Surveys.SaveAsync(_draft.ToRequest((await Authentication).User.StaffName()));
            _errors = result.Errors;
            if (!result.Saved)
            {
                return;
            }

            Snackbar.Add(L["Survey.Saved"], Severity.Success);
            if (_draft.Id is null)
            {
                Navigation.NavigateTo($"/surveys/{result.Id}");
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
