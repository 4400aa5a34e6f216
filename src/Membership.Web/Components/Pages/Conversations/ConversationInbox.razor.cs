using System.Globalization;
using System.Text.Json;
using Membership.Contracts.Common;
using Membership.Contracts.Conversations;
using Membership.Contracts.Line;
using Membership.Shared.Time;
using Membership.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using ConversationItem = Membership.Contracts.Conversations.Conversation;

namespace Membership.Web.Components.Pages.Conversations;

/// <summary>
/// The staff chat inbox: conversations oldest-waiting first with unread counts (all / mine / unassigned, by status),
/// the thread as the customer sees it, and an answer box that says whether the answer goes free by reply or by push.
/// Changes from any app instance arrive through <see cref="IConversationsModule.Changed"/> (PostgreSQL NOTIFY), no polling.
/// </summary>
public sealed partial class ConversationInbox
{
    /// <summary>Resolve reasons offered (resource keys; the chosen one is kept in the language it was shown in).</summary>
    private static readonly string?[] ResolveReasons = [null, "Conversations.Resolve.Answered", "Conversations.Resolve.Ordered", "Conversations.Resolve.Complaint"];

    private TimeSpan _overdueAfter = TimeSpan.FromMinutes(15);
    private string? _search;

    private PagedResult<ConversationItem>? _page;
    private ConversationItem? _current;
    private IReadOnlyList<ConversationMessage> _messages = [];
    private ConversationView _view;
    private ConversationStatus? _status;
    private string? _draft;
    private Guid _sendKey = Guid.NewGuid();
    private bool _sending;
    private string? _notice;
    private bool _confirmedTakeOver;
    private string _staff = "";
    private IReadOnlyList<CannedResponse> _canned = [];
    private IReadOnlyList<SurveySummary> _surveys = [];
    private DateTimeOffset _typingSignalled;

    [Parameter]
    public Guid? Id { get; set; }

    [Inject]
    private IConversationsModule Conversations { get; set; } = default!;

    [Inject]
    private ICannedResponses Canned { get; set; } = default!;

    [Inject]
    private ISurveys Surveys { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;


    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override async Task OnInitializedAsync()
    {
        _staff = (await Authentication).User.StaffName();
        _overdueAfter = Conversations.FirstResponseTarget;
        Conversations.Changed += OnChanged;
        _canned = await Canned.ListAsync();
        _surveys = (await Surveys.ListAsync()).Where(s => s.Open).ToList();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_current?.Id != Id)
        {
            (_draft, _notice, _confirmedTakeOver, _sendKey) = (null, null, false, Guid.NewGuid());
        }

        await LoadAsync();
        if (Id is { } id)
        {
            await Conversations.MarkReadAsync(id);
        }
    }

    public void Dispose() => Conversations.Changed -= OnChanged;

    private void OnChanged(Guid conversationId) => _ = InvokeAsync(async () =>
    {
        await LoadAsync();
        if (conversationId == Id)
        {
            await Conversations.MarkReadAsync(conversationId);
        }

        StateHasChanged();
    });

    private async Task LoadAsync()
    {
        _page = await Conversations.ListAsync(new ConversationQuery(_view, _status, _staff, _search), new PageRequest(1, 100));
        if (Id is { } id)
        {
            _current = await Conversations.GetAsync(id);
            _messages = _current is null ? [] : await Conversations.ListMessagesAsync(id);
        }
        else
        {
            (_current, _messages) = (null, []);
        }
    }

    private void Open(Guid conversationId) => Navigation.NavigateTo($"/conversations/{conversationId}");

    private Task ViewChangedAsync(ConversationView view)
    {
        _view = view;
        return LoadAsync();
    }

    private Task SearchChangedAsync(string? search)
    {
        _search = search;
        return LoadAsync();
    }

    private Task StatusChangedAsync(ConversationStatus? status)
    {
        _status = status;
        return LoadAsync();
    }

    private Task SendAsync() =>
        string.IsNullOrWhiteSpace(_draft) ? Task.CompletedTask : SendMessagesAsync([JsonSerializer.SerializeToElement(new { type = "text", text = _draft.Trim() })], clearDraft: true);

    /// <summary>The survey's start (a button to its first question or its form page) goes out as this staff member's message.</summary>
    private async Task SendSurveyAsync(SurveySummary survey)
    {
        if (_current is { } current && await Surveys.InvitationAsync(survey.Id, current.LineUserId) is { } invitation)
        {
            await SendMessagesAsync(invitation.Select(LineJson.ToElement).ToList(), clearDraft: false);
        }
    }

    private async Task SendMessagesAsync(IReadOnlyList<JsonElement> messages, bool clearDraft)
    {
        if (_current is not { } current)
        {
            return;
        }

        if (current.AssignedTo is { } assignee && assignee != _staff && !_confirmedTakeOver)
        {
            (_notice, _confirmedTakeOver) = (L["Conversations.TakenBy", assignee], true);
            return;
        }

        _sending = true;
        try
        {
            var result = await Conversations.SendAsync(new StaffReplyRequest(current.Id, messages, _sendKey, _staff));
            if (result.Outcome is StaffReplyOutcome.Sent or StaffReplyOutcome.AlreadySent)
            {
                (_notice, _sendKey) = (null, Guid.NewGuid());
                _draft = clearDraft ? null : _draft;
            }
            else
            {
                _notice = result.Error ?? L[$"Conversations.Outcome.{result.Outcome}"];
            }

            await LoadAsync();
        }
        finally
        {
            _sending = false;
        }
    }

    /// <summary>Typing <c>/</c> and the start of a shortcut offers the canned responses it matches.</summary>
    private List<CannedResponse> ShortcutMatches => _draft is ['/', .. var typed] && !typed.Contains(' ', StringComparison.Ordinal)
        ? _canned.Where(c => c.Shortcut?.StartsWith(typed, StringComparison.Ordinal) == true).Take(8).ToList()
        : [];

    /// <summary>The canned response with this member's fields filled goes into the answer box, to read (and edit) before sending.</summary>
    private async Task UseCannedAsync(CannedResponse canned)
    {
        if (_current is { } current && await Canned.RenderAsync(canned.Id, current.Id) is { } text)
        {
            _draft = text;
        }
    }

    /// <summary>Typing tells other consoles and shows the customer LINE's loading animation (every few seconds at most).</summary>
    private async Task DraftChangedAsync(string? draft)
    {
        _draft = draft;
        if (_current is { } current && !string.IsNullOrWhiteSpace(draft) && Now - _typingSignalled > TimeSpan.FromSeconds(4))
        {
            _typingSignalled = Now;
            await Conversations.TypingAsync(current.Id, _staff);
        }
    }

    private Task InsertAsync(string text)
    {
        _draft = string.IsNullOrWhiteSpace(_draft) ? text : $"{_draft.TrimEnd()}\n{text}";
        return Task.CompletedTask;
    }

    private async Task SetModeAsync(ConversationMode mode)
    {
        await Conversations.SetModeAsync(_current!.Id, mode, _staff);
        await LoadAsync();
    }

    private async Task ResolveAsync(string? reason)
    {
        await Conversations.ResolveAsync(_current!.Id, _staff, reason is null ? null : L[reason].Value);
        await LoadAsync();
    }

    private async Task SnoozeAsync(TimeSpan span)
    {
        await Conversations.SnoozeAsync(_current!.Id, Now + span, _staff);
        await LoadAsync();
    }

    /// <summary>Until 09:00 tomorrow, Asia/Taipei.</summary>
    private Task SnoozeUntilTomorrowAsync()
    {
        var tomorrow = TaipeiTime.Today(Time).AddDays(1);
        return SnoozeAsync(TaipeiTime.StartOfDayUtc(tomorrow).AddHours(9) - Now);
    }

    private string Name(ConversationItem c) => c.DisplayName ?? c.MemberCode ?? L["Conversations.Unknown"];

    private static string Initial(ConversationItem c) => (c.DisplayName ?? c.MemberCode ?? "?")[..1];

    private string Author(ConversationMessage m) => m.Author == MessageAuthor.Staff
        ? m.StaffName ?? ""
        : L[$"Conversations.Author.{m.Author}"] + (m.StaffName is { } label ? $" · {label}" : "");

    private string Preview(ConversationMessage m) => m.Type switch
    {
        "postback" => L["Conversations.Postback", m.Text ?? ""],
        "location" => $"📍 {Json(m.Content, "title") ?? Json(m.Content, "address")}",
        _ => L["Conversations.Media", L[$"Conversations.Type.{m.Type}"]],
    };

    private string Waited(TimeSpan waited) => waited.TotalMinutes < 60
        ? L["Conversations.Minutes", Math.Max(0, (int)waited.TotalMinutes)]
        : L["Conversations.Hours", (int)waited.TotalHours];

    private static string MapLink(JsonElement location) =>
        location.TryGetProperty("latitude", out var lat) && location.TryGetProperty("longitude", out var lng)
            ? string.Create(CultureInfo.InvariantCulture, $"https://www.google.com/maps/search/?api=1&query={lat.GetDouble()},{lng.GetDouble()}")
            : "#";

    private static IEnumerable<JsonElement> Parts(JsonElement content) =>
        content.ValueKind == JsonValueKind.Array ? content.EnumerateArray() : [content];

    internal static string? Json(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Clock(DateTimeOffset at) => TaipeiTime.ToTaipei(at).ToString("MM/dd HH:mm", CultureInfo.InvariantCulture);
}
