using Membership.Contracts.Automation;
using Membership.Contracts.Tags;
using Membership.Web.Components.Pages.Broadcast;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Membership.Web.Components.Pages.Automation;

/// <summary>
/// Creates or edits a keyword auto-reply: keywords (one per line or separated by commas), match mode, priority, an
/// optional Asia/Taipei time window, an optional tag, and 1-5 reply messages with a live preview.
/// </summary>
public sealed partial class AutoReplyEditor
{
    private static readonly char[] KeywordSeparators = ['\n', ',', '，', '、'];

    private List<BreadcrumbItem> _crumbs = [];
    private bool _loaded;
    private bool _notFound;
    private bool _saving;
    private string? _name;
    private AutoReplySource _source;
    private KeywordMatchMode _match;
    private int _priority = 100;
    private bool _enabled = true;
    private string? _keywords;
    private bool _windowed;
    private string? _windowFrom = "21:00";
    private string? _windowTo = "09:00";
    private Guid? _addTagId;
    private bool _handOff;
    private IReadOnlyList<TagDefinition> _tags = [];
    private List<MessageDraft> _messages = [MessageDraft.Text("")];
    private IReadOnlyList<AutomationError> _errors = [];

    [Parameter]
    public Guid? Id { get; set; }

    [Inject]
    private IAutomationModule Automation { get; set; } = default!;

    [Inject]
    private ITagsModule TagsModule { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _crumbs = [new(L["Automation.Nav"], "/automation"), new(L["Automation.Rule"], null, disabled: true)];
        _tags = (await TagsModule.ListTagsAsync()).Where(t => !t.Archived).ToList();
        if (Id is { } id)
        {
            if (await Automation.GetAutoReplyAsync(id) is not { } rule)
            {
                _notFound = true;
                return;
            }

            (_name, _source, _match, _priority, _enabled, _addTagId, _handOff) = (rule.Name, rule.Source, rule.Match, rule.Priority, rule.Enabled, rule.AddTagId, rule.HandOff);
            _keywords = string.Join('\n', rule.Keywords);
            if (rule.Window is { } window)
            {
                (_windowed, _windowFrom, _windowTo) = (true, TimeText.Format(window.From), TimeText.Format(window.To));
            }

            _messages = MessageDraft.FromAll(rule.Messages);
        }

        _loaded = true;
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var errors = new List<AutomationError>();
            if (!MessageDraft.TryParseAll(_messages, out var messages, out var invalid))
            {
                errors.AddRange(invalid.Select(i => new AutomationError($"messages[{i}]", L["Campaign.JsonInvalid"])));
            }

            ReplyWindow? window = null;
            if (_windowed)
            {
                if (TimeText.Parse(_windowFrom) is { } from && TimeText.Parse(_windowTo) is { } to)
                {
                    window = new ReplyWindow(from, to);
                }
                else
                {
                    errors.Add(new("window", L["Automation.WindowInvalid"]));
                }
            }

            if (errors.Count > 0)
            {
                _errors = errors;
                return;
            }

            var keywords = (_keywords ?? "").Split(KeywordSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var by = (await Authentication).User.StaffName();
            var result = await Automation.SaveAutoReplyAsync(new SaveAutoReplyRequest(
                Id, _name ?? "", _source, keywords, _match, _priority, _enabled, window, messages, _addTagId, by, _handOff));
            _errors = result.Errors;
            if (result.Succeeded)
            {
                Navigation.NavigateTo("/automation");
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (Id is not { } id
            || await Dialogs.ShowMessageBoxAsync(L["Common.Delete"], L["Automation.RuleDeleteConfirm", _name ?? ""], L["Common.Confirm"], cancelText: L["Common.Cancel"]) != true)
        {
            return;
        }

        await Automation.DeleteAutoReplyAsync(id, (await Authentication).User.StaffName());
        Navigation.NavigateTo("/automation");
    }
}
